-- Periodic snapshots of a scope's state (a document's text and authorship every N operations), so loading a
-- long-lived scope replays only the events after its latest snapshot. A rowid table, not WITHOUT ROWID: a
-- snapshot of a long document is far larger than the rows WITHOUT ROWID is meant for.
CREATE TABLE IF NOT EXISTS collab_snapshots (
    scope   TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    payload TEXT    NOT NULL,
    PRIMARY KEY (scope, seq)
);
