-- 督查看板's rollup: how many open matters each unit holds, by status and due date (and a
-- shard, as `tallies` has, so steps at one busy unit do not all wait on one row), so the
-- supervisors' live picture sums a few rows a unit instead of counting every late matter
-- of a city (PostgreSQL visited the table for each one: 27 requests a second at 1M
-- petitions). Kept by a trigger on every change that moves a matter, run as its
-- transaction commits, so no path that files, routes, answers, re-dates, merges or deletes
-- can miss it; a row whose count reaches zero goes, so the past's dates do not pile up.
-- The statuses are word for word the queue's (db/petitions/queue/parts.rs, `ALL_OPEN`).
CREATE TABLE open_matters (
    unit_id BIGINT NOT NULL,
    status  TEXT   NOT NULL,
    due_on  TEXT   NOT NULL,
    shard   BIGINT NOT NULL,
    matters BIGINT NOT NULL,
    PRIMARY KEY (unit_id, status, due_on, shard)
);

INSERT INTO open_matters (unit_id, status, due_on, shard, matters)
SELECT unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4, COUNT(*) FROM petitions
WHERE unit_id IS NOT NULL
  AND status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')
GROUP BY unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4;

-- Adds `n` (1 or -1) to the row of one matter's place, when that place is an open one.
CREATE FUNCTION open_matters_add(u BIGINT, s TEXT, d TEXT, sh BIGINT, n BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    left_over BIGINT;
BEGIN
    IF u IS NULL
       OR s NOT IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval') THEN
        RETURN;
    END IF;
    IF n > 0 THEN
        INSERT INTO open_matters (unit_id, status, due_on, shard, matters)
        VALUES (u, s, COALESCE(d, '9999-12-31'), sh, n)
        ON CONFLICT (unit_id, status, due_on, shard)
        DO UPDATE SET matters = open_matters.matters + excluded.matters;
    ELSE
        UPDATE open_matters SET matters = matters + n
        WHERE unit_id = u AND status = s AND due_on = COALESCE(d, '9999-12-31') AND shard = sh
        RETURNING matters INTO left_over;
        IF left_over = 0 THEN
            DELETE FROM open_matters
            WHERE unit_id = u AND status = s AND due_on = COALESCE(d, '9999-12-31')
              AND shard = sh AND matters = 0;
        END IF;
    END IF;
END
$$;

CREATE FUNCTION open_matters_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM open_matters_add(NEW.unit_id, NEW.status, NEW.due_on, NEW.id % 4, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM open_matters_add(OLD.unit_id, OLD.status, OLD.due_on, OLD.id % 4, -1);
    -- The two rows in key order: two steps moving matters opposite ways between the same
    -- places then lock them in the same order, and cannot deadlock.
    ELSIF (OLD.unit_id, OLD.status, COALESCE(OLD.due_on, '9999-12-31'))
          < (NEW.unit_id, NEW.status, COALESCE(NEW.due_on, '9999-12-31')) THEN
        PERFORM open_matters_add(OLD.unit_id, OLD.status, OLD.due_on, OLD.id % 4, -1);
        PERFORM open_matters_add(NEW.unit_id, NEW.status, NEW.due_on, NEW.id % 4, 1);
    ELSE
        PERFORM open_matters_add(NEW.unit_id, NEW.status, NEW.due_on, NEW.id % 4, 1);
        PERFORM open_matters_add(OLD.unit_id, OLD.status, OLD.due_on, OLD.id % 4, -1);
    END IF;
    RETURN NULL;
END
$$;

-- Deferred to the commit: a row of the rollup is then locked for the commit's moment, not
-- from the statement on. Locked from the INSERT, every filing at a unit on a day waited for
-- the whole transaction of the one before it on its shard (filing fell from 837 to 582
-- requests a second on the benchmark).
CREATE CONSTRAINT TRIGGER open_matters_filed AFTER INSERT ON petitions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION open_matters_follow();
CREATE CONSTRAINT TRIGGER open_matters_moved AFTER UPDATE OF unit_id, status, due_on ON petitions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.due_on IS DISTINCT FROM NEW.due_on)
    EXECUTE FUNCTION open_matters_follow();
CREATE CONSTRAINT TRIGGER open_matters_deleted AFTER DELETE ON petitions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION open_matters_follow();
