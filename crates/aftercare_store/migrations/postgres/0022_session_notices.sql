-- Each server process keeps the sessions it read lately (`sql/session_cache.rs`) and must hear
-- of every change that could make one of them wrong, whoever makes it: another server, the CLI,
-- a statement typed by hand. A session ended or rekeyed, or a staff account changed or removed,
-- notifies the channel `aftercare_sessions`, and every listening process drops what it kept.
-- Per statement, not per row: a process drops everything at once, so one notice is enough, and
-- PostgreSQL sends it only when the transaction commits. Recording activity (`last_seen_at`,
-- at most once a minute per session) notifies nobody.
CREATE FUNCTION aftercare_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aftercare_sessions', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER sessions_ended AFTER DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION aftercare_sessions_changed();
CREATE TRIGGER sessions_rekeyed AFTER UPDATE OF id_hash, user_id, customer_email, csrf_token, created_at
    ON sessions FOR EACH STATEMENT EXECUTE FUNCTION aftercare_sessions_changed();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION aftercare_sessions_changed();
