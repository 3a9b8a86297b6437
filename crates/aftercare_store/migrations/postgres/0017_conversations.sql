-- Conversations between a customer and the shop: one thread per order (its id is the order's) and
-- one per case (its id is the case's), created with their first message.
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    case_id TEXT REFERENCES cases (id),
    order_number TEXT NOT NULL,
    customer_email TEXT NOT NULL,
    messages BIGINT NOT NULL,
    last_message_at BIGINT NOT NULL,
    -- While the shop owes the customer a reply: since when, and the first-reply deadline
    -- ('9999-12-31' when the calendar could not count one). Both NULL otherwise.
    awaiting_since BIGINT,
    reply_due TEXT,
    version BIGINT NOT NULL
);
CREATE INDEX threads_order ON threads (order_id);
-- The "awaiting our reply" queue, oldest deadline first; only waiting threads are in it.
CREATE INDEX threads_awaiting ON threads (reply_due, id) WHERE reply_due IS NOT NULL;

-- Each message once, in its thread's order. `internal` = 1 for staff notes the customer never
-- sees; `attachments` the evidence ids it carries, separated by spaces.
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads (id),
    seq BIGINT NOT NULL,
    side TEXT NOT NULL,
    internal BIGINT NOT NULL,
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    attachments TEXT NOT NULL,
    via TEXT NOT NULL,
    at BIGINT NOT NULL,
    UNIQUE (thread_id, seq)
);

-- The message an upload was sent with: a customer sees the shop's files in their own threads.
ALTER TABLE evidence ADD COLUMN message_id TEXT;

-- Where the answer to an e-mail goes: a conversation's e-mails carry a reply address with the
-- thread's token, so that an answer by e-mail joins the conversation.
ALTER TABLE outbox ADD COLUMN reply_to TEXT;

-- Files sent with an e-mail (the commercial invoice with the "shipped" e-mail), queued with it.
CREATE TABLE outbox_attachments (
    mail_id TEXT NOT NULL REFERENCES outbox (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (mail_id, position)
);
