-- 公开案例: closed matters whose petitioner consented to publication, as a clerk confirmed
-- them with every personal detail taken out. The texts here are the redacted ones; the
-- petition keeps its own. A matter is published once; never an accusation (art. 30, 46).
CREATE TABLE published_cases (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    title        TEXT    NOT NULL,
    facts        TEXT    NOT NULL,
    request      TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    -- 人民建议 adopted (采纳, 部分采纳) are listed on their own: the kind and the decision.
    kind         TEXT    NOT NULL,
    decision     TEXT    NOT NULL,
    category_id  INTEGER NOT NULL REFERENCES categories (id),
    region_id    INTEGER NOT NULL REFERENCES regions (id),
    unit_id      INTEGER REFERENCES units (id),
    answered_on  TEXT    NOT NULL,
    published_by INTEGER NOT NULL REFERENCES staff (id),
    published_at INTEGER NOT NULL,
    CONSTRAINT published_cases_petition_key UNIQUE (petition_id)
);
-- The public list, newest first, by category or place.
CREATE INDEX published_cases_list_idx ON published_cases (published_at, id);
CREATE INDEX published_cases_category_idx ON published_cases (category_id, published_at, id);
CREATE INDEX published_cases_kind_idx ON published_cases (kind, decision, published_at, id);
