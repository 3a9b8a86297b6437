-- What each connection (the payment provider, the shop's store, tracking) last did, for the
-- admin page: its last success, its last error and how many of each.
CREATE TABLE connection_status (
    name TEXT PRIMARY KEY,
    successes BIGINT NOT NULL DEFAULT 0,
    failures BIGINT NOT NULL DEFAULT 0,
    last_success_at BIGINT,
    last_error_at BIGINT,
    last_error TEXT
);
-- Webhooks received from the shop's store, by the sender and the id it gives each delivery: a
-- delivery sent again is answered without being applied twice.
CREATE TABLE received_webhooks (
    source TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (source, webhook_id)
);
-- The shop's store's own ids of its orders (Shopify's numeric ids): what it sends later by that
-- id alone (a payment's transaction) finds the order.
CREATE TABLE store_orders (
    source TEXT NOT NULL,
    store_id TEXT NOT NULL,
    order_number TEXT NOT NULL,
    PRIMARY KEY (source, store_id)
);
