-- The accusation firewall by design (条例 art. 30, 46): who is accused is settled before
-- anyone routes an accusation. Either accused_unit_id names the unit (picked by the
-- petitioner, matched from what they wrote, or recorded by a clerk), or accused_none says a
-- clerk confirmed that no unit of the directory is accused (a person, a company).
ALTER TABLE petitions ADD COLUMN accused_none BIGINT NOT NULL DEFAULT 0;
-- The names people write for a unit besides its full name, '|' between them (住建局 for
-- 住房和城乡建设局): what a petitioner's free text is matched against.
ALTER TABLE units ADD COLUMN short_names TEXT NOT NULL DEFAULT '';
