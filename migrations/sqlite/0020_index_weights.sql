-- 信访指数权重: the weights an administrator set on the administration page, one row per
-- figure that counts (a figure left out has no row). While the table is empty, the
-- configuration's ([statistics] index_weights) apply. Who changed them, and when, is in
-- the audit trail.
CREATE TABLE index_weights (
    figure TEXT PRIMARY KEY,
    weight INTEGER NOT NULL
);
