-- The staff queue reads a unit's petitions in one status by due date (no date last), 50 at a
-- time from a keyset cursor. With the sort key itself in the index, a page is an index
-- range read that stops after 50 rows, however many petitions the unit has; the old index
-- (due_on without the COALESCE) made every page sort all of them.
DROP INDEX petitions_queue_idx;
CREATE INDEX petitions_queue_idx ON petitions (unit_id, status, (COALESCE(due_on, '9999-12-31')), id);
