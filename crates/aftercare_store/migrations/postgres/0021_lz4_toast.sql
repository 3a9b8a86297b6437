-- The JSON and e-mail texts PostgreSQL compresses when a row passes 2 KB (a return's case data is
-- about 3.5 KB and is written again by every step, its history entries about 1.7 KB) are
-- compressed with lz4 instead of PostgreSQL's own pglz: in a profile of the return flow under
-- load, pglz's compression and decompression were the largest single part of PostgreSQL's CPU
-- (a tenth of it), and lz4 does the same work several times faster for about the same size.
-- Values already stored keep their compression until they are written again; both are read
-- alike. A server built without lz4 (it is an option of PostgreSQL's build) keeps pglz.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE orders ALTER COLUMN data SET COMPRESSION lz4;
        ALTER TABLE cases ALTER COLUMN data SET COMPRESSION lz4;
        ALTER TABLE events ALTER COLUMN data SET COMPRESSION lz4;
        ALTER TABLE idempotency_keys ALTER COLUMN response SET COMPRESSION lz4;
        ALTER TABLE outbox ALTER COLUMN text_body SET COMPRESSION lz4,
                           ALTER COLUMN html_body SET COMPRESSION lz4;
        ALTER TABLE messages ALTER COLUMN body SET COMPRESSION lz4;
    END IF;
END
$$;
