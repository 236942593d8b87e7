-- 承办人: the person of the holding unit a head gave the matter to ("我的待办"). It stays
-- with the unit: when the matter moves to another unit, nobody there holds it yet.
ALTER TABLE petitions ADD COLUMN assignee_id INTEGER REFERENCES staff (id);
CREATE INDEX petitions_assignee_idx ON petitions (assignee_id, due_on) WHERE assignee_id IS NOT NULL;
