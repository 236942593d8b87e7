-- Staff accounts a security officer accepts: a password that an administrator handed out
-- must be changed at the first sign-in (so the administrator no longer knows the working
-- one), and an account can be disabled without being deleted (the audit trail keeps
-- naming it).
ALTER TABLE staff ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN disabled_at BIGINT;
