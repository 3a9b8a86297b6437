-- Part of a customer's name, as staff type it in the search box, found through an index instead
-- of a scan of every order: a trigram index (pg_trgm, from PostgreSQL's contrib) answers
-- LOWER(customer_name) LIKE '%...%' of three characters or more. The extension goes to the
-- public schema once per database; the lock keeps two schemas migrating at once (the tests)
-- from creating it twice.
SELECT pg_advisory_xact_lock(7291845501);
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX orders_name_trigrams ON orders USING gin (LOWER(customer_name) public.gin_trgm_ops);
