-- The shop's logo as admins set it, a small PNG the server made from the upload: every change
-- is a new row with who made it and when (no bytes: the logo was removed); the newest row counts.
CREATE TABLE shop_logo (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    png BYTEA,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
