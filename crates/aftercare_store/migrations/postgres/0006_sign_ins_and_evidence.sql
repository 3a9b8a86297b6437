-- Failed staff password sign-ins, counted in the database so that every server behind a load
-- balancer throttles as one; only failures count toward an account's lockout.
CREATE TABLE sign_in_failures (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_account ON sign_in_failures (account, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);

-- The sweep finds evidence nobody attached to a case yet by its age.
CREATE INDEX evidence_created ON evidence (created_at);
-- Set when the sweep found a case naming the evidence: it is never looked at again.
ALTER TABLE evidence ADD COLUMN attached_at BIGINT;
