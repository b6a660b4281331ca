-- Periodic snapshots of a scope's state (Collab.Grains.Storage.IEventStore.SaveSnapshotAsync): a document's
-- text and authorship every N operations, so loading it replays only the operations after its latest snapshot.
-- The primary key serves the one read (the newest snapshot at or before a seq, by a backward index scan).
-- The payload is text, not jsonb, for the same reason as the event log: it must come back exactly as written.

CREATE TABLE IF NOT EXISTS collab_snapshots
(
    scope text NOT NULL,
    seq bigint NOT NULL,
    payload text NOT NULL,

    CONSTRAINT pk_collab_snapshots PRIMARY KEY (scope, seq)
);
