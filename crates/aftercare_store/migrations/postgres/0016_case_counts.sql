-- The dashboards' counts of open cases by kind, step and deadline, without reading every open
-- case: each change to a case adds a row of +1 or -1 here (a trigger, so every way a case is
-- written keeps it), and the counts are the sums. Rows are only ever added by case writes, so
-- concurrent writers never wait on, or deadlock over, a counter row; `compact_case_counts` folds
-- them into one row per kind, step and deadline from time to time.
CREATE TABLE case_counts (
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    deadline TEXT NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO case_counts (kind, state, deadline, n)
    SELECT kind, state, deadline, COUNT(*) FROM cases WHERE is_open = 1 GROUP BY kind, state, deadline;
CREATE FUNCTION case_counts_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.is_open = 1 THEN
        INSERT INTO case_counts (kind, state, deadline, n) VALUES (OLD.kind, OLD.state, OLD.deadline, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.is_open = 1 THEN
        INSERT INTO case_counts (kind, state, deadline, n) VALUES (NEW.kind, NEW.state, NEW.deadline, 1);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_counts_opened_or_removed AFTER INSERT OR DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION case_counts_kept();
CREATE TRIGGER case_counts_moved AFTER UPDATE OF kind, state, is_open, deadline ON cases
    FOR EACH ROW
    WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.state IS DISTINCT FROM NEW.state
          OR OLD.is_open IS DISTINCT FROM NEW.is_open OR OLD.deadline IS DISTINCT FROM NEW.deadline)
    EXECUTE FUNCTION case_counts_kept();

-- A list of one kind in deadline order (the console's filter by kind, the queue API's), which
-- the index by kind and step cannot give without sorting every open case of the kind; and the
-- list with closed cases too, which has no partial index to walk.
CREATE INDEX cases_queue_by_kind_only ON cases (kind, deadline, id) WHERE is_open = 1;
CREATE INDEX cases_by_deadline ON cases (deadline, id);
