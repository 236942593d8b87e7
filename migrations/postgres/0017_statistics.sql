-- 统计: the facts the figures count that the workflow columns do not keep, and the monthly
-- rollups that every step keeps current in its own transaction (services/statistics).

-- The unit that first received the matter (a matter is counted once, there), and the day
-- and timeliness of its first acceptance decision (受理, 不予受理, 转送 or 交办).
ALTER TABLE petitions ADD COLUMN received_by BIGINT REFERENCES units (id);
ALTER TABLE petitions ADD COLUMN decided_on TEXT;
ALTER TABLE petitions ADD COLUMN decided_in_time BIGINT;
-- Matters filed before this migration: the bureau that forwarded them received them, or
-- the unit holding them; their decision is the first decision on their timeline.
UPDATE petitions SET received_by = COALESCE(forwarded_by, unit_id);
UPDATE petitions SET decided_on = (
    SELECT to_char(to_timestamp(min(e.at) / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM petition_events e
    WHERE e.petition_id = petitions.id
      AND e.kind IN ('accepted', 'not_accepted', 'forwarded', 'assigned')
);
UPDATE petitions SET decided_in_time = CASE WHEN decided_on <= acceptance_due THEN 1 ELSE 0 END WHERE decided_on IS NOT NULL;
-- "Repeated since" (一次性化解) asks whether any later matter was linked to this one.
CREATE INDEX petitions_repeat_of_idx ON petitions (repeat_of) WHERE repeat_of IS NOT NULL;

-- 答复记录: one row per answered round, kept when the next round starts, with whether it
-- came within the handling period, its decision, the petitioner's rating, and the day a
-- review of it was asked for.
CREATE TABLE answers (
    petition_id         BIGINT NOT NULL REFERENCES petitions (id),
    round               TEXT    NOT NULL,
    unit_id             BIGINT REFERENCES units (id),
    answered_on         TEXT    NOT NULL,
    on_time             BIGINT NOT NULL,
    decision            TEXT,
    rating              TEXT,
    review_requested_on TEXT,
    PRIMARY KEY (petition_id, round)
);
-- Replies published before this migration count as on time: the due date each was
-- measured against was not kept.
INSERT INTO answers (petition_id, round, unit_id, answered_on, on_time, decision, rating, review_requested_on)
SELECT r.petition_id, r.round, r.unit_id, to_char(to_timestamp(r.decided_at / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 1,
       r.decision, r.rating, NULL
FROM replies r WHERE r.state = 'approved' AND r.decided_at IS NOT NULL;

-- The monthly rollups: a row per month (Beijing time), unit and shard, its counters those
-- of shared::figures::Tally. The shard (the petition id modulo 4) spreads the updates of
-- one busy unit over four rows, so concurrent PostgreSQL transactions do not queue on one
-- row lock; readers sum the shards. Unit 0 stands for "no unit yet".
CREATE TABLE tallies (
    month                TEXT    NOT NULL,
    unit_id              BIGINT NOT NULL,
    shard                BIGINT NOT NULL,
    received             BIGINT NOT NULL DEFAULT 0,
    online               BIGINT NOT NULL DEFAULT 0,
    decided              BIGINT NOT NULL DEFAULT 0,
    decided_in_time      BIGINT NOT NULL DEFAULT 0,
    answered             BIGINT NOT NULL DEFAULT 0,
    answered_on_time     BIGINT NOT NULL DEFAULT 0,
    rated                BIGINT NOT NULL DEFAULT 0,
    satisfied            BIGINT NOT NULL DEFAULT 0,
    repeated             BIGINT NOT NULL DEFAULT 0,
    first_answered       BIGINT NOT NULL DEFAULT 0,
    first_resolved       BIGINT NOT NULL DEFAULT 0,
    reviews              BIGINT NOT NULL DEFAULT 0,
    reviews_answered     BIGINT NOT NULL DEFAULT 0,
    reviews_changed      BIGINT NOT NULL DEFAULT 0,
    unrouted             BIGINT NOT NULL DEFAULT 0,
    supervised           BIGINT NOT NULL DEFAULT 0,
    supervision_answered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id, shard)
);

-- 收件量 by channel, kind, category and place, for the breakdowns of the public page.
CREATE TABLE volumes (
    month       TEXT    NOT NULL,
    unit_id     BIGINT NOT NULL,
    channel     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    category_id BIGINT NOT NULL,
    region_id   BIGINT NOT NULL,
    shard       BIGINT NOT NULL,
    received    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id, channel, kind, category_id, region_id, shard)
);
