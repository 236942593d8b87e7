-- The audit chain's head (the last link's MAC) follows every appended record by itself,
-- in the same statement as the append. Before, the portal updated it with a statement of
-- its own: one more trip to the database inside the write lock for every change recorded.
CREATE TRIGGER audit_log_moves_head AFTER INSERT ON audit_log
BEGIN
    UPDATE audit_head SET last_mac = NEW.mac WHERE id = 1;
END;
