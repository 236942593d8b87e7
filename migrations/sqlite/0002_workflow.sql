-- The handling workflow: who holds a petition, its current clock, competences for
-- routing, drafts and replies, internal notes, supervision, conflicts of interest, and
-- the hash-chained audit trail. Kept column-for-column identical to ../postgres/.

-- 动态口令 (TOTP, RFC 6238): the secret is encrypted; the last accepted time step
-- makes every code single-use.
ALTER TABLE staff ADD COLUMN totp_secret_enc BLOB;
ALTER TABLE staff ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- 职能: which categories a unit has power over; routing proposes from these.
CREATE TABLE unit_competences (
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    category_id INTEGER NOT NULL REFERENCES categories (id),
    PRIMARY KEY (unit_id, category_id)
);

-- The unit holding the petition now (the bureau, then the receiving or handling unit),
-- the office that forwarded it, the unit complained about (confidentiality firewall),
-- and the clock that runs now with its start and due date (for ordering queues).
ALTER TABLE petitions ADD COLUMN round TEXT NOT NULL DEFAULT 'first';
ALTER TABLE petitions ADD COLUMN unit_id INTEGER REFERENCES units (id);
ALTER TABLE petitions ADD COLUMN forwarded_by INTEGER REFERENCES units (id);
ALTER TABLE petitions ADD COLUMN accused_unit_id INTEGER REFERENCES units (id);
ALTER TABLE petitions ADD COLUMN designated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN extra_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN rating TEXT;
ALTER TABLE petitions ADD COLUMN clock TEXT NOT NULL DEFAULT 'acceptance';
ALTER TABLE petitions ADD COLUMN clock_start TEXT;
ALTER TABLE petitions ADD COLUMN due_on TEXT;
ALTER TABLE petitions ADD COLUMN assigned_due TEXT;
ALTER TABLE petitions ADD COLUMN repeat_of INTEGER REFERENCES petitions (id);
ALTER TABLE petitions ADD COLUMN group_matter INTEGER NOT NULL DEFAULT 0;
-- The petitioner of a letter, visit or call registered by staff, when they have no
-- account: encrypted like citizens' fields (art. 17: name, address, contact).
ALTER TABLE petitions ADD COLUMN petitioner_name_enc BLOB;
ALTER TABLE petitions ADD COLUMN petitioner_phone_enc BLOB;
ALTER TABLE petitions ADD COLUMN petitioner_id_enc BLOB;
ALTER TABLE petitions ADD COLUMN petitioner_address_enc BLOB;
CREATE INDEX petitions_queue_idx ON petitions (unit_id, status, due_on, id);

-- 信访处理意见书: drafts and, once approved, the published reply of each round.
CREATE TABLE replies (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    round       TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    facts       TEXT    NOT NULL,
    reasons     TEXT    NOT NULL,
    decision    TEXT    NOT NULL,
    legal_basis TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    drafted_by  INTEGER NOT NULL REFERENCES staff (id),
    drafted_at  INTEGER NOT NULL,
    decided_by  INTEGER REFERENCES staff (id),
    decided_at  INTEGER,
    comment     TEXT
);
CREATE INDEX replies_petition_idx ON replies (petition_id, id);

-- Internal notes: never shown to the petitioner.
CREATE TABLE petition_notes (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    at          INTEGER NOT NULL,
    body        TEXT    NOT NULL
);
CREATE INDEX petition_notes_petition_idx ON petition_notes (petition_id, id);

-- 督办单: a supervisor's notice that the supervised unit answers in writing.
CREATE TABLE supervision_notices (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    issued_by   INTEGER NOT NULL REFERENCES staff (id),
    issued_at   INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    answer_due  TEXT    NOT NULL,
    answered_by INTEGER REFERENCES staff (id),
    answered_at INTEGER,
    answer      TEXT
);
CREATE INDEX supervision_notices_unit_idx ON supervision_notices (unit_id, answered_at);

-- 回避 (art. 28): a staff member who declared a conflict loses access to the petition.
CREATE TABLE recusals (
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    at          INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    PRIMARY KEY (petition_id, staff_id)
);

-- The audit trail: append-only, each row's MAC covers the previous row's, so a changed,
-- inserted or deleted row breaks the chain. audit_head holds the last link; updating it
-- first in every appending transaction serialises appenders on both engines.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    role        TEXT,
    unit_id     INTEGER,
    action      TEXT    NOT NULL,
    petition_id INTEGER,
    detail      TEXT,
    client      TEXT,
    prev_mac    BLOB    NOT NULL,
    mac         BLOB    NOT NULL
);
CREATE INDEX audit_log_petition_idx ON audit_log (petition_id, seq);

CREATE TABLE audit_head (
    id       INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    last_mac BLOB    NOT NULL
);

-- Scheduler leases: one instance at a time runs a job (several may be started).
CREATE TABLE job_leases (
    name        TEXT    PRIMARY KEY,
    holder      TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
);

INSERT INTO audit_head (id, last_seq, last_mac) VALUES (1, 0, X'');

-- One row per alert raised on a clock (warning, overdue, escalation), so that the
-- scheduler raises each once even when several instances run it.
CREATE TABLE clock_alerts (
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    clock       TEXT    NOT NULL,
    clock_start TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (petition_id, clock, clock_start, kind)
);

-- Holiday arrangements entered by an administrator (same format as the calendar files),
-- one text per year; they add to the shipped years and replace nothing silently.
CREATE TABLE calendar_years (
    year       INTEGER PRIMARY KEY,
    body       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- 协办: units asked by the lead (主办) unit to contribute, each with its own deadline.
CREATE TABLE co_handlers (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    round        TEXT    NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    due_on       TEXT    NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES staff (id),
    requested_at INTEGER NOT NULL,
    answered_by  INTEGER REFERENCES staff (id),
    answered_at  INTEGER,
    opinion      TEXT,
    CONSTRAINT co_handlers_unit_key UNIQUE (petition_id, round, unit_id)
);
CREATE INDEX co_handlers_unit_idx ON co_handlers (unit_id, answered_at);
