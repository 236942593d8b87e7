-- The staff queue can also be read by registration time (最新登记, 最早登记), 50 rows at a
-- time from a keyset cursor on (submitted_at, id): with that key in the index a page is a
-- range read within a unit and status, as the order by due date is. The due date rides
-- along so that the queue's counts by clock state read this index alone (an index on an
-- expression, as petitions_queue_idx's due date is, does not cover a query).
CREATE INDEX petitions_queue_received_idx ON petitions (unit_id, status, submitted_at, id, due_on);

-- The other reads of the counts: the paper replies waiting for their 送达 from this
-- partial index, and the few rows a staff member may not see (an accusation against their
-- own unit or one above it, a matter they stepped aside from) from the two below, to be
-- subtracted.
CREATE INDEX petitions_awaiting_delivery_idx ON petitions (unit_id, due_on)
    WHERE status = 'replied' AND clock = 'none' AND channel <> 'online';
CREATE INDEX petitions_accused_idx ON petitions (accused_unit_id) WHERE kind = 'accusation';
CREATE INDEX recusals_staff_idx ON recusals (staff_id, petition_id);
