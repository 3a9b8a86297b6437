-- A staff member's single-use link to set a password, sent by an admin: a keyed hash of its
-- token, never the token. Only the newest unused link of an account works.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_links_user ON password_links (user_id);
