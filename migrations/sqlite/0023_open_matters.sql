-- 督查看板's rollup: how many open matters each unit holds, by status and due date (and a
-- shard, as `tallies` has), so the supervisors' live picture sums a few rows a unit instead
-- of counting every late matter of a city (PostgreSQL visited the table for each one:
-- 27 requests a second at 1M petitions). Kept by triggers in the statement that moves a
-- matter, so no path that files, routes, answers, re-dates, merges or deletes can miss it;
-- a row whose count reaches zero goes, so the past's dates do not pile up. The statuses
-- are word for word the queue's (db/petitions/queue/parts.rs, `ALL_OPEN`). Without a
-- rowid, a step writes one B-tree of it, not a table and its key's index.
CREATE TABLE open_matters (
    unit_id INTEGER NOT NULL,
    status  TEXT    NOT NULL,
    due_on  TEXT    NOT NULL,
    shard   INTEGER NOT NULL,
    matters INTEGER NOT NULL,
    PRIMARY KEY (unit_id, status, due_on, shard)
) WITHOUT ROWID;

INSERT INTO open_matters (unit_id, status, due_on, shard, matters)
SELECT unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4, COUNT(*) FROM petitions
WHERE unit_id IS NOT NULL
  AND status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')
GROUP BY unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4;

CREATE TRIGGER open_matters_filed AFTER INSERT ON petitions
WHEN NEW.unit_id IS NOT NULL
  AND NEW.status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')
BEGIN
    INSERT INTO open_matters (unit_id, status, due_on, shard, matters)
    VALUES (NEW.unit_id, NEW.status, COALESCE(NEW.due_on, '9999-12-31'), NEW.id % 4, 1)
    ON CONFLICT (unit_id, status, due_on, shard) DO UPDATE SET matters = matters + 1;
END;

CREATE TRIGGER open_matters_moved AFTER UPDATE OF unit_id, status, due_on ON petitions
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status OR OLD.due_on IS NOT NEW.due_on
BEGIN
    UPDATE open_matters SET matters = matters - 1
    WHERE unit_id = OLD.unit_id AND status = OLD.status
      AND due_on = COALESCE(OLD.due_on, '9999-12-31') AND shard = OLD.id % 4
      AND OLD.status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval');
    DELETE FROM open_matters
    WHERE unit_id = OLD.unit_id AND status = OLD.status
      AND due_on = COALESCE(OLD.due_on, '9999-12-31') AND shard = OLD.id % 4 AND matters = 0;
    INSERT INTO open_matters (unit_id, status, due_on, shard, matters)
    SELECT NEW.unit_id, NEW.status, COALESCE(NEW.due_on, '9999-12-31'), NEW.id % 4, 1
    WHERE NEW.unit_id IS NOT NULL
      AND NEW.status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')
    ON CONFLICT (unit_id, status, due_on, shard) DO UPDATE SET matters = matters + 1;
END;

CREATE TRIGGER open_matters_deleted AFTER DELETE ON petitions
WHEN OLD.unit_id IS NOT NULL
  AND OLD.status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')
BEGIN
    UPDATE open_matters SET matters = matters - 1
    WHERE unit_id = OLD.unit_id AND status = OLD.status
      AND due_on = COALESCE(OLD.due_on, '9999-12-31') AND shard = OLD.id % 4;
    DELETE FROM open_matters
    WHERE unit_id = OLD.unit_id AND status = OLD.status
      AND due_on = COALESCE(OLD.due_on, '9999-12-31') AND shard = OLD.id % 4 AND matters = 0;
END;
