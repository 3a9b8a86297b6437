-- Every change an admin makes to a staff account after its creation (deactivated, reactivated),
-- with who made it and when, written in the transaction that makes it.
CREATE TABLE staff_changes (
    user_id TEXT NOT NULL REFERENCES users (id),
    change TEXT NOT NULL,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX staff_changes_user ON staff_changes (user_id, at);
