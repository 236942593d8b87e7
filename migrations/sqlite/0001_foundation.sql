-- Foundation: reference data, citizen and staff accounts, sessions, petitions and their timeline.
-- Kept column-for-column identical to ../postgres/0001_foundation.sql; only types differ.
-- Times are UTC milliseconds since the epoch; statutory dates are 'YYYY-MM-DD' (Asia/Shanghai).
-- Flags are integers 0/1 so that one portable query layer reads them the same way on both.

CREATE TABLE regions (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES regions (id),
    code      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    level     TEXT    NOT NULL,
    CONSTRAINT regions_code_key UNIQUE (code)
);

CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES units (id),
    region_id INTEGER NOT NULL REFERENCES regions (id),
    name      TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    level     TEXT    NOT NULL,
    CONSTRAINT units_name_key UNIQUE (name)
);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    CONSTRAINT categories_name_key UNIQUE (parent_id, name)
);

-- Personal data is encrypted field by field; *_idx are keyed blind indexes for look-ups.
CREATE TABLE citizens (
    id             INTEGER PRIMARY KEY,
    real_name_enc  BLOB    NOT NULL,
    id_number_enc  BLOB    NOT NULL,
    id_number_idx  BLOB    NOT NULL,
    phone_enc      BLOB    NOT NULL,
    phone_idx      BLOB    NOT NULL,
    email_enc      BLOB,
    address_enc    BLOB,
    password_hash  TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    CONSTRAINT citizens_id_number_key UNIQUE (id_number_idx),
    CONSTRAINT citizens_phone_key UNIQUE (phone_idx)
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER REFERENCES units (id),
    username      TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    roles         TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    CONSTRAINT staff_username_key UNIQUE (username)
);

-- One row per login; the refresh token rotates and only its keyed hash is stored.
CREATE TABLE sessions (
    id                    TEXT    PRIMARY KEY,
    principal             TEXT    NOT NULL,
    principal_id          INTEGER NOT NULL,
    refresh_hash          BLOB    NOT NULL,
    previous_refresh_hash BLOB,
    created_at            INTEGER NOT NULL,
    refreshed_at          INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    revoked_at            INTEGER,
    CONSTRAINT sessions_refresh_key UNIQUE (refresh_hash)
);
CREATE INDEX sessions_principal_idx ON sessions (principal, principal_id);

-- Petition numbers run per year and county-level region.
CREATE TABLE petition_sequences (
    scope      TEXT    PRIMARY KEY,
    last_value INTEGER NOT NULL
);

CREATE TABLE petitions (
    id              INTEGER PRIMARY KEY,
    number          TEXT    NOT NULL,
    query_code_hash BLOB    NOT NULL,
    citizen_id      INTEGER REFERENCES citizens (id),
    channel         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    category_id     INTEGER NOT NULL REFERENCES categories (id),
    region_id       INTEGER NOT NULL REFERENCES regions (id),
    respondent      TEXT,
    title           TEXT    NOT NULL,
    facts           TEXT    NOT NULL,
    request         TEXT    NOT NULL,
    other_procedure TEXT    NOT NULL,
    people_count    INTEGER NOT NULL,
    publish_consent INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    submitted_at    INTEGER NOT NULL,
    acceptance_due  TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT petitions_number_key UNIQUE (number)
);
CREATE INDEX petitions_citizen_idx ON petitions (citizen_id, submitted_at);

-- The petition's history; rows with is_public = 1 form the petitioner's timeline.
CREATE TABLE petition_events (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    at          INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    is_public   INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    detail      TEXT
);
CREATE INDEX petition_events_petition_idx ON petition_events (petition_id, id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    storage_key  TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       BLOB    NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    CONSTRAINT attachments_storage_key UNIQUE (storage_key)
);
CREATE INDEX attachments_petition_idx ON attachments (petition_id);

-- A retried submission finds its first result here; the saved response (it holds the
-- query code) is encrypted and dropped after a day.
CREATE TABLE idempotency_keys (
    owner        TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash BLOB    NOT NULL,
    response_enc BLOB,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (owner, idem_key)
);
