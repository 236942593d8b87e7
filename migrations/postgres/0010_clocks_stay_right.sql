-- Clocks that stay right (条例 art. 23, 34-36):
-- * hearing_days: the hearing days of this round, bounded by configuration; extra_days
--   keeps the sum of hearing and extension days the due date is lengthened by.
-- * notice_start / notice_due: the receiving unit's own clock to tell the petitioner in
--   writing that it received a forwarded matter (art. 23, 15 days), beside the 5 working
--   days to object.
-- * replied_on: the day a reply was published; for a petitioner who filed offline the
--   window to ask for a review waits for the recorded delivery (送达) instead.
ALTER TABLE petitions ADD COLUMN hearing_days BIGINT NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN notice_start TEXT;
ALTER TABLE petitions ADD COLUMN notice_due TEXT;
ALTER TABLE petitions ADD COLUMN replied_on TEXT;

-- One row per system alert raised (e.g. a year's holidays not loaded, once a week), so
-- several instances raise each once.
CREATE TABLE system_alerts (
    key TEXT    PRIMARY KEY,
    at  BIGINT NOT NULL
);
