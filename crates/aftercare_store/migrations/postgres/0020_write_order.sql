-- A command on an order's cases written by one call: the order's version moved on (guarded by
-- the version the command was judged on), its new cases, its changed cases (each guarded by its
-- own version), their history, e-mails and webhook messages, and the request's idempotency key.
-- Sent from the server as BEGIN and five to eight statements and COMMIT, the write was a round
-- trip per statement, and the round trips, not the work, bounded how many returns four clients
-- could request and approve. The same write on SQLite is the Rust in `sql/mod.rs`: there a
-- statement is a call within the process, not a round trip.
--
-- `p` is `jsonb`, parsed once (as `json` each `->` parsed the whole text again; a case write is
-- tens of them); the text columns arrive as JSON strings, their contents kept exactly:
--   order, seen (a version or null), idempotency (null or key, request_hash, response, created_at),
--   create and update: cases with their columns, `events`: kind, actor, at, reason, data and
--   `mail` (null or the outbox's columns, `drawn` as its space-separated text, `attachments`
--   with `data` in base64).
-- A refused write raises, so the statement's implicit transaction leaves nothing behind:
--   AC001 the order is no longer at `seen`; AC002 a changed case is no longer at the version
--   before its own (DETAIL: the case's id). A unique violation names its constraint.
CREATE FUNCTION aftercare_write_order(p jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c jsonb;
    changed boolean;
    first_seq bigint;
BEGIN
    IF p ->> 'seen' IS NULL THEN
        UPDATE orders SET ledger_version = ledger_version + 1 WHERE id = p ->> 'order';
    ELSE
        UPDATE orders SET ledger_version = ledger_version + 1
            WHERE id = p ->> 'order' AND ledger_version = (p ->> 'seen')::bigint;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'order % is no longer at version %', p ->> 'order', p ->> 'seen'
                USING ERRCODE = 'AC001';
        END IF;
    END IF;

    INSERT INTO cases (id, kind, order_id, order_number, customer_email, rma, state, is_open,
                       deadline, amount_minor, version, data, created_at, updated_at, tracking_number)
    SELECT n ->> 'id', n ->> 'kind', n ->> 'order_id', n ->> 'order_number', n ->> 'customer_email',
           n ->> 'rma', n ->> 'state', (n ->> 'is_open')::bigint, n ->> 'deadline',
           (n ->> 'amount_minor')::bigint, 1, n ->> 'data', (n ->> 'created_at')::bigint,
           (n ->> 'updated_at')::bigint, n ->> 'tracking_number'
    FROM jsonb_array_elements(p -> 'create') AS n;

    FOR c, changed IN
        SELECT n, false FROM jsonb_array_elements(p -> 'create') AS n
        UNION ALL
        SELECT n, true FROM jsonb_array_elements(p -> 'update') AS n
    LOOP
        IF changed THEN
            UPDATE cases SET rma = c ->> 'rma', state = c ->> 'state', is_open = (c ->> 'is_open')::bigint,
                    deadline = c ->> 'deadline', amount_minor = (c ->> 'amount_minor')::bigint,
                    version = (c ->> 'version')::bigint, data = c ->> 'data',
                    updated_at = (c ->> 'updated_at')::bigint, tracking_number = c ->> 'tracking_number'
                WHERE id = c ->> 'id' AND version = (c ->> 'version')::bigint - 1;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'case % is no longer at version %', c ->> 'id', (c ->> 'version')::bigint - 1
                    USING ERRCODE = 'AC002', DETAIL = c ->> 'id';
            END IF;
            SELECT COALESCE(MAX(seq), 0) + 1 INTO first_seq FROM events WHERE case_id = c ->> 'id';
        ELSE
            first_seq := 1;
        END IF;

        INSERT INTO events (case_id, seq, kind, actor, at, reason, data)
        SELECT c ->> 'id', first_seq + e.i - 1, e.v ->> 'kind', e.v ->> 'actor', (e.v ->> 'at')::bigint,
               e.v ->> 'reason', e.v ->> 'data'
        FROM jsonb_array_elements(c -> 'events') WITH ORDINALITY AS e(v, i);

        INSERT INTO outbox (id, recipient, subject, text_body, html_body, case_id, created_at,
                            next_attempt_at, reply_to, drawn)
        SELECT m ->> 'id', m ->> 'recipient', m ->> 'subject', m ->> 'text_body', m ->> 'html_body',
               c ->> 'id', (e.v ->> 'at')::bigint, (e.v ->> 'at')::bigint, m ->> 'reply_to', m ->> 'drawn'
        FROM jsonb_array_elements(c -> 'events') AS e(v), LATERAL (SELECT e.v -> 'mail' AS m) AS mail
        WHERE jsonb_typeof(m) = 'object';

        INSERT INTO outbox_attachments (mail_id, position, name, content_type, data)
        SELECT e.v -> 'mail' ->> 'id', a.i - 1, a.f ->> 'name', a.f ->> 'content_type',
               decode(a.f ->> 'data', 'base64')
        FROM jsonb_array_elements(c -> 'events') AS e(v),
             jsonb_array_elements(e.v -> 'mail' -> 'attachments') WITH ORDINALITY AS a(f, i)
        WHERE jsonb_typeof(e.v -> 'mail') = 'object';

        -- One message per event to every enabled endpoint that chose its type (or every type).
        INSERT INTO webhook_deliveries (id, endpoint_id, case_id, seq, event_type, created_at, next_attempt_at)
        SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, c ->> 'id', first_seq + e.i - 1,
               t.event_type, (e.v ->> 'at')::bigint, (e.v ->> 'at')::bigint
        FROM jsonb_array_elements(c -> 'events') WITH ORDINALITY AS e(v, i),
             LATERAL (SELECT (c ->> 'kind') || '.' || (e.v ->> 'kind') AS event_type) AS t,
             webhook_endpoints AS w
        WHERE w.disabled_at IS NULL
          AND regexp_split_to_array(btrim(w.events), '\s+') && ARRAY['*', t.event_type];
    END LOOP;

    IF jsonb_typeof(p -> 'idempotency') = 'object' THEN
        INSERT INTO idempotency_keys (key, request_hash, response, created_at)
        VALUES (p -> 'idempotency' ->> 'key', p -> 'idempotency' ->> 'request_hash',
                p -> 'idempotency' ->> 'response', (p -> 'idempotency' ->> 'created_at')::bigint);
    END IF;
END
$$;
