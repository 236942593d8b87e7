-- Partner handling systems (a department's own case system, the provincial petition
-- information system): units marked as handled there get their cases pushed, and the
-- partner reports back through the signed inbound API. SMS verification codes and the
-- citizens' channel choices live here too. Kept column-for-column identical to
-- ../postgres/0004_partners.sql.

CREATE TABLE partner_systems (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    -- Cases are posted to <url>/cases.
    url        TEXT    NOT NULL,
    -- The shared `whsec_` secret both directions are signed with (encrypted here).
    secret_enc BLOB    NOT NULL,
    active     INTEGER NOT NULL,
    -- The account the partner's steps are recorded under (it cannot log in).
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    created_at INTEGER NOT NULL
);

-- A unit handled in a partner system.
ALTER TABLE units ADD COLUMN partner_id INTEGER REFERENCES partner_systems (id);
-- The case's id in the partner system, recorded when the partner took the push.
ALTER TABLE petitions ADD COLUMN external_id TEXT;

-- Every inbound message a partner sent, by its `webhook-id`: a replay or a duplicate is
-- recognised here and changes nothing.
CREATE TABLE partner_inbound (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES partner_systems (id),
    message_id  TEXT    NOT NULL,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    kind        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    CONSTRAINT partner_inbound_key UNIQUE (partner_id, message_id)
);

-- 短信验证码: only a keyed hash of the code is kept, bound to the phone (blind index) and
-- the purpose; a code dies when used, after 5 wrong tries, or when it expires.
CREATE TABLE verification_codes (
    id         INTEGER PRIMARY KEY,
    phone_idx  BLOB    NOT NULL,
    purpose    TEXT    NOT NULL,
    code_mac   BLOB    NOT NULL,
    tries      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX verification_codes_phone_idx ON verification_codes (phone_idx, created_at);

-- The channels a citizen wants notices on (in-app is always kept).
ALTER TABLE citizens ADD COLUMN notify_sms INTEGER NOT NULL DEFAULT 1;
ALTER TABLE citizens ADD COLUMN notify_email INTEGER NOT NULL DEFAULT 1;
