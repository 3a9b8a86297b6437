-- The dashboards' counts of open cases by kind, step and deadline, without reading every open
-- case: each change to a case adds a row of +1 or -1 here (triggers, so every way a case is
-- written keeps it), and the counts are the sums. Rows are only ever added by case writes, so two
-- writers never wait on one counter row; `compact_case_counts` folds them into one row per
-- kind, step and deadline from time to time.
CREATE TABLE case_counts (
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    deadline TEXT NOT NULL,
    n INTEGER NOT NULL
);
INSERT INTO case_counts (kind, state, deadline, n)
    SELECT kind, state, deadline, COUNT(*) FROM cases WHERE is_open = 1 GROUP BY kind, state, deadline;
CREATE TRIGGER case_counts_opened AFTER INSERT ON cases WHEN new.is_open = 1 BEGIN
    INSERT INTO case_counts (kind, state, deadline, n) VALUES (new.kind, new.state, new.deadline, 1);
END;
CREATE TRIGGER case_counts_moved AFTER UPDATE OF kind, state, is_open, deadline ON cases
WHEN old.kind IS NOT new.kind OR old.state IS NOT new.state OR old.is_open IS NOT new.is_open
    OR old.deadline IS NOT new.deadline
BEGIN
    INSERT INTO case_counts (kind, state, deadline, n)
        SELECT old.kind, old.state, old.deadline, -1 WHERE old.is_open = 1;
    INSERT INTO case_counts (kind, state, deadline, n)
        SELECT new.kind, new.state, new.deadline, 1 WHERE new.is_open = 1;
END;
CREATE TRIGGER case_counts_removed AFTER DELETE ON cases WHEN old.is_open = 1 BEGIN
    INSERT INTO case_counts (kind, state, deadline, n) VALUES (old.kind, old.state, old.deadline, -1);
END;

-- A list of one kind in deadline order (the console's filter by kind, the queue API's), which
-- the index by kind and step cannot give without sorting every open case of the kind; and the
-- list with closed cases too, which has no partial index to walk.
CREATE INDEX cases_queue_by_kind_only ON cases (kind, deadline, id) WHERE is_open = 1;
CREATE INDEX cases_by_deadline ON cases (deadline, id);
