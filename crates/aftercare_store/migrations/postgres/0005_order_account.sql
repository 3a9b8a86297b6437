-- The order is one account: every write to any of an order's cases moves its version on, and a
-- write judged against the order's ledger (units and money across its cases) is kept only if
-- the version is still the one the ledger was derived from.
ALTER TABLE orders ADD COLUMN ledger_version BIGINT NOT NULL DEFAULT 0;
