-- Orders from the shop's store, cases and their append-only history.
-- Timestamps are epoch microseconds (sortable, portable); dates are ISO text (sortable).
-- Money is integer minor units beside its currency code.

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    customer_email TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    currency TEXT NOT NULL,
    placed_at INTEGER NOT NULL,
    policy_version TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_email);
CREATE INDEX orders_placed ON orders (placed_at, id);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    order_id TEXT NOT NULL REFERENCES orders (id),
    order_number TEXT NOT NULL,
    customer_email TEXT NOT NULL,
    rma TEXT UNIQUE,
    state TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    -- '9999-12-31' when the case waits for nobody, so the queue's keyset needs no NULL handling.
    deadline TEXT NOT NULL,
    amount_minor INTEGER,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX cases_queue ON cases (deadline, id) WHERE is_open = 1;
CREATE INDEX cases_queue_by_kind ON cases (kind, state, deadline, id) WHERE is_open = 1;
CREATE INDEX cases_order ON cases (order_id);
-- One fulfilment case per order, even if two requests open it at once.
CREATE UNIQUE INDEX cases_one_fulfilment ON cases (order_id) WHERE kind = 'order';
CREATE INDEX cases_order_number ON cases (order_number);
CREATE INDEX cases_customer ON cases (customer_email);

CREATE TABLE events (
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);

CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
