-- The shop's other systems that hear about case steps (Standard Webhooks): each endpoint with
-- its signing secret, the event types it chose (space-separated, `*` for every one), and when
-- and why it was disabled (by an admin, or after its deliveries kept failing).
CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT,
    disabled_reason TEXT
);

-- One message per endpoint and case event, written in the transaction that appends the event;
-- `next_attempt_at` is empty once it is delivered or given up.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
    case_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    claimed_until BIGINT,
    delivered_at BIGINT,
    last_attempt_at BIGINT,
    last_status BIGINT,
    last_error TEXT,
    FOREIGN KEY (case_id, seq) REFERENCES events (case_id, seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
