-- The transactional outbox: every message (SMS, e-mail, in-app) is a row written in the
-- transaction of the change that causes it; a worker claims due rows, sends them and
-- records each attempt. Kept column-for-column identical to ../postgres/0003_outbox.sql.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL,
    -- The event (template) and its parameters; recipient and parameters hold personal
    -- data (a phone, a query code), so they are encrypted.
    template        TEXT    NOT NULL,
    recipient_enc   BLOB    NOT NULL,
    params_enc      BLOB    NOT NULL,
    idem_key        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    last_error      TEXT,
    petition_id     INTEGER REFERENCES petitions (id),
    -- For webhooks: the subscription, so each has its delivery log.
    subscription_id INTEGER,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    CONSTRAINT outbox_idem_key UNIQUE (idem_key)
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

CREATE TABLE outbox_attempts (
    id        INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    at        INTEGER NOT NULL,
    outcome   TEXT    NOT NULL,
    detail    TEXT
);
CREATE INDEX outbox_attempts_idx ON outbox_attempts (outbox_id, id);

-- 站内消息: the in-app notification centre of citizens and staff.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    principal   TEXT    NOT NULL,
    principal_id INTEGER NOT NULL,
    petition_id INTEGER REFERENCES petitions (id),
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER,
    outbox_id   INTEGER NOT NULL,
    CONSTRAINT notifications_outbox_key UNIQUE (outbox_id, principal, principal_id)
);
CREATE INDEX notifications_principal_idx ON notifications (principal, principal_id, id);

-- The embedded SMS provider: messages are kept here and shown on a development inbox page.
CREATE TABLE sms_inbox (
    id         INTEGER PRIMARY KEY,
    phone_enc  BLOB    NOT NULL,
    template   TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    idem_key   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT sms_inbox_idem_key UNIQUE (idem_key)
);

-- Partner systems subscribe to petition events; deliveries are signed as the Standard
-- Webhooks specification says, with the subscription's secret (encrypted here).
CREATE TABLE webhook_subscriptions (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    secret_enc BLOB    NOT NULL,
    events     TEXT    NOT NULL,
    active     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
