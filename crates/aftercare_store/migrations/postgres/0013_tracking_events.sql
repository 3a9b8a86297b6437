-- Tracking events carriers and tracking services send (through the shop's systems): each kept
-- once by its sender and the sender's event id, with the case it matched by tracking number and
-- what it changed, so a repeated or late event changes nothing twice.
CREATE TABLE tracking_events (
    source TEXT NOT NULL,
    event_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    status TEXT NOT NULL,
    at BIGINT NOT NULL,
    description TEXT NOT NULL,
    case_id TEXT,
    outcome TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (source, event_id)
);
CREATE INDEX tracking_events_case ON tracking_events (case_id, at);
