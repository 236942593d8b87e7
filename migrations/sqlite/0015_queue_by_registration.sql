-- The staff queue can also be read by registration time (最新登记, 最早登记), 50 rows at a
-- time from a keyset cursor on (submitted_at, id): with that key in the index a page is a
-- range read within a unit and status, as the order by due date is.
CREATE INDEX petitions_queue_received_idx ON petitions (unit_id, status, submitted_at, id);
