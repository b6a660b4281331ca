-- Collab's single-node schema: grain state and the event log in one embedded file.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_id   TEXT NOT NULL,
    state_name TEXT NOT NULL,
    payload    BLOB NOT NULL,
    etag       TEXT NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS collab_events (
    scope      TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    actor_id   TEXT    NOT NULL,
    command_id TEXT    NULL,
    at_us      INTEGER NOT NULL, -- microseconds since the Unix epoch, UTC
    PRIMARY KEY (scope, seq)
) WITHOUT ROWID;

CREATE UNIQUE INDEX IF NOT EXISTS collab_events_command
    ON collab_events (scope, command_id) WHERE command_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS collab_comments (
    thread_id     TEXT    NOT NULL,
    comment_id    INTEGER NOT NULL,
    parent_id     INTEGER NULL,
    author_id     TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    created_at_us INTEGER NOT NULL,
    edited_at_us  INTEGER NULL,
    reactions     TEXT    NOT NULL,
    mentions      TEXT    NOT NULL,
    last_seq      INTEGER NOT NULL,
    PRIMARY KEY (thread_id, comment_id)
) WITHOUT ROWID;
