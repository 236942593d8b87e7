-- 年度工作情况报告 (条例 art. 41): the counts the annual report adds to the monthly
-- rollups: 转送, 交办, the matters each unit was given to handle, and 人民建议 adopted.

-- How the first acceptance decision went (accepted, not_accepted, forwarded, assigned) and
-- the unit it gave the matter to (none when it was not accepted).
ALTER TABLE petitions ADD COLUMN decided_as TEXT;
ALTER TABLE petitions ADD COLUMN decided_to BIGINT REFERENCES units (id);
-- Matters decided before this migration: the first decision on their timeline, and the
-- unit that answered their first round, or else the unit holding them now.
UPDATE petitions SET decided_as = (
    SELECT e.kind FROM petition_events e
    WHERE e.petition_id = petitions.id
      AND e.kind IN ('accepted', 'not_accepted', 'forwarded', 'assigned')
    ORDER BY e.at, e.id LIMIT 1
) WHERE decided_on IS NOT NULL;
UPDATE petitions SET decided_to = CASE decided_as
    WHEN 'accepted' THEN received_by
    ELSE COALESCE(
        (SELECT a.unit_id FROM answers a WHERE a.petition_id = petitions.id AND a.round = 'first'),
        unit_id)
    END
WHERE decided_as IN ('accepted', 'forwarded', 'assigned');

ALTER TABLE tallies ADD COLUMN forwarded BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tallies ADD COLUMN assigned BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tallies ADD COLUMN routed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tallies ADD COLUMN adopted BIGINT NOT NULL DEFAULT 0;
-- Emptied, so the server recounts every month with the new counters when it starts.
DELETE FROM tallies;
DELETE FROM volumes;
