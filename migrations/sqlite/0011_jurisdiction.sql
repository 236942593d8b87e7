-- A real jurisdiction: division codes imported and re-imported (a code the official list
-- no longer has is retired, never deleted, so petitions that name it keep their place),
-- units with the reception details art. 18 wants public, closed units kept for the
-- record, and categories retired rather than deleted.
ALTER TABLE regions ADD COLUMN retired_at INTEGER;
ALTER TABLE units ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN closed_at INTEGER;
ALTER TABLE categories ADD COLUMN retired_at INTEGER;
