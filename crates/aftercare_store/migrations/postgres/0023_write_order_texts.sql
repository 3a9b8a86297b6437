-- `aftercare_write_order` (0020) with its long texts beside the JSON instead of inside it, and
-- without the statements a write has nothing for.
--
-- The cases' data (3.5 KB of JSON for a return), the events' data, the e-mails' bodies and the
-- idempotent responses were JSON strings inside `p`: PostgreSQL's JSON parser copies a string
-- with escapes one character at a time, and the data is JSON inside JSON, an escape every few
-- characters (`jsonb_in` was a tenth of PostgreSQL's CPU in the return flow). They now come as
-- the `text[]` `texts`, sent in binary, and `p` names each by its position (1-based).
-- Same columns, same checks, same errors (AC001, AC002, unique violations) as 0020; besides:
--   each case row has `mails` and `attachments` (how many of its events carry an e-mail, and how
--   many files those have), so an approval without files runs no insert of files;
--   the webhook messages are written only while some endpoint is enabled (checked once a call);
--   no insert of cases when none is new.
DROP FUNCTION aftercare_write_order(jsonb);
CREATE FUNCTION aftercare_write_order(p jsonb, texts text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c jsonb;
    changed boolean;
    first_seq bigint;
    hooks boolean;
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

    IF jsonb_array_length(p -> 'create') > 0 THEN
        INSERT INTO cases (id, kind, order_id, order_number, customer_email, rma, state, is_open,
                           deadline, amount_minor, version, data, created_at, updated_at, tracking_number)
        SELECT n ->> 'id', n ->> 'kind', n ->> 'order_id', n ->> 'order_number', n ->> 'customer_email',
               n ->> 'rma', n ->> 'state', (n ->> 'is_open')::bigint, n ->> 'deadline',
               (n ->> 'amount_minor')::bigint, 1, texts[(n ->> 'data')::int], (n ->> 'created_at')::bigint,
               (n ->> 'updated_at')::bigint, n ->> 'tracking_number'
        FROM jsonb_array_elements(p -> 'create') AS n;
    END IF;

    hooks := EXISTS (SELECT 1 FROM webhook_endpoints WHERE disabled_at IS NULL);

    FOR c, changed IN
        SELECT n, false FROM jsonb_array_elements(p -> 'create') AS n
        UNION ALL
        SELECT n, true FROM jsonb_array_elements(p -> 'update') AS n
    LOOP
        IF changed THEN
            UPDATE cases SET rma = c ->> 'rma', state = c ->> 'state', is_open = (c ->> 'is_open')::bigint,
                    deadline = c ->> 'deadline', amount_minor = (c ->> 'amount_minor')::bigint,
                    version = (c ->> 'version')::bigint, data = texts[(c ->> 'data')::int],
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
               e.v ->> 'reason', texts[(e.v ->> 'data')::int]
        FROM jsonb_array_elements(c -> 'events') WITH ORDINALITY AS e(v, i);

        IF (c ->> 'mails')::int > 0 THEN
            INSERT INTO outbox (id, recipient, subject, text_body, html_body, case_id, created_at,
                                next_attempt_at, reply_to, drawn)
            SELECT m ->> 'id', m ->> 'recipient', m ->> 'subject', texts[(m ->> 'text_body')::int],
                   texts[(m ->> 'html_body')::int], c ->> 'id', (e.v ->> 'at')::bigint,
                   (e.v ->> 'at')::bigint, m ->> 'reply_to', m ->> 'drawn'
            FROM jsonb_array_elements(c -> 'events') AS e(v), LATERAL (SELECT e.v -> 'mail' AS m) AS mail
            WHERE jsonb_typeof(m) = 'object';
        END IF;

        IF (c ->> 'attachments')::int > 0 THEN
            INSERT INTO outbox_attachments (mail_id, position, name, content_type, data)
            SELECT e.v -> 'mail' ->> 'id', a.i - 1, a.f ->> 'name', a.f ->> 'content_type',
                   decode(texts[(a.f ->> 'data')::int], 'base64')
            FROM jsonb_array_elements(c -> 'events') AS e(v),
                 jsonb_array_elements(e.v -> 'mail' -> 'attachments') WITH ORDINALITY AS a(f, i)
            WHERE jsonb_typeof(e.v -> 'mail') = 'object';
        END IF;

        -- One message per event to every enabled endpoint that chose its type (or every type).
        IF hooks THEN
            INSERT INTO webhook_deliveries (id, endpoint_id, case_id, seq, event_type, created_at, next_attempt_at)
            SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, c ->> 'id', first_seq + e.i - 1,
                   t.event_type, (e.v ->> 'at')::bigint, (e.v ->> 'at')::bigint
            FROM jsonb_array_elements(c -> 'events') WITH ORDINALITY AS e(v, i),
                 LATERAL (SELECT (c ->> 'kind') || '.' || (e.v ->> 'kind') AS event_type) AS t,
                 webhook_endpoints AS w
            WHERE w.disabled_at IS NULL
              AND regexp_split_to_array(btrim(w.events), '\s+') && ARRAY['*', t.event_type];
        END IF;
    END LOOP;

    IF jsonb_typeof(p -> 'idempotency') = 'object' THEN
        INSERT INTO idempotency_keys (key, request_hash, response, created_at)
        VALUES (p -> 'idempotency' ->> 'key', p -> 'idempotency' ->> 'request_hash',
                texts[(p -> 'idempotency' ->> 'response')::int],
                (p -> 'idempotency' ->> 'created_at')::bigint);
    END IF;
END
$$;
