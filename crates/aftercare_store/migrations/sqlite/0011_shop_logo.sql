-- The shop's logo as admins set it, a small PNG the server made from the upload: every change
-- is a new row with who made it and when (no bytes: the logo was removed); the newest row counts.
CREATE TABLE shop_logo (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    png BLOB,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
