-- The dashboard's weekly charts read the recent history and the recently opened cases.
CREATE INDEX events_at ON events (at);
CREATE INDEX cases_created ON cases (created_at);
