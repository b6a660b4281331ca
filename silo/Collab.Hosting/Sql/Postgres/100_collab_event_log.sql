-- Collab's own event log (Collab.Grains.Storage.IEventStore).
--
-- Every scope appends events with a gap-free seq; the primary key makes a second writer of the same seq
-- fail instead of overwriting history, and it is also the only index the reads need (a scope's events by
-- seq, the last seq by a backward scan). Payloads and the comment JSON columns are text, not jsonb: jsonb
-- would reorder keys and drop whitespace, and the log must hand back exactly what the grain wrote.

CREATE TABLE IF NOT EXISTS collab_events
(
    scope text NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    payload text NOT NULL,
    actor_id text NOT NULL,
    command_id text NULL,
    at timestamptz NOT NULL,

    CONSTRAINT pk_collab_events PRIMARY KEY (scope, seq)
);

-- One event per client command and scope: a retried command finds the event it already produced.
CREATE UNIQUE INDEX IF NOT EXISTS ux_collab_events_scope_command_id
    ON collab_events (scope, command_id)
    WHERE command_id IS NOT NULL;

-- The current state of each comment, so a thread pages without replaying its log and a change to one
-- comment rewrites one small row.
CREATE TABLE IF NOT EXISTS collab_comments
(
    thread_id text NOT NULL,
    comment_id bigint NOT NULL,
    parent_id bigint NULL,
    author_id text NOT NULL,
    text text NOT NULL,
    created_at timestamptz NOT NULL,
    edited_at timestamptz NULL,
    reactions text NOT NULL,
    mentions text NOT NULL,
    last_seq bigint NOT NULL,

    CONSTRAINT pk_collab_comments PRIMARY KEY (thread_id, comment_id)
);
