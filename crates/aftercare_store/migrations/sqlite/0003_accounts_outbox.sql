-- Staff accounts. Only an argon2id hash of the password is kept; e-mails are stored lowercase.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);

-- Signed-in sessions of staff (user_id) and customers (customer_email). Only a SHA-256 of the
-- cookie's token is kept, so a copy of the database opens no session.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users (id),
    customer_email TEXT,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (customer_email IS NULL))
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use sign-in links e-mailed to customers.
CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    customer_email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- E-mail waiting to be delivered, written in the transaction of the event that causes it.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    case_id TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Uploaded evidence: the file lives on disk under its id; the hash is kept for disputes.
CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    created_at INTEGER NOT NULL
);
