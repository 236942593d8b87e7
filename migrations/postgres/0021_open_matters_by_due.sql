-- A unit's open matters in due order whatever their status: the 超期 list of a head (the
-- 通报's and the queue's) reads each unit's first rows here, instead of one range per
-- status merged. The condition is word for word the queue's (db/petitions/queue.rs,
-- `ALL_OPEN`), which is what lets the engine use this index.
CREATE INDEX petitions_open_due_idx ON petitions (unit_id, (COALESCE(due_on, '9999-12-31')), id)
WHERE status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval');
