-- Keyed collections that grow with use (a circle's members and invitations, its projects and threads, a
-- member's circles and inbox, the circle directory): one row per item, written in the transaction of the event
-- that causes it, read in pages by (position, key). A join inserts one row, whatever the circle's size.

CREATE TABLE IF NOT EXISTS collab_rows
(
    scope text NOT NULL,
    collection text NOT NULL,
    key text NOT NULL,
    position bigint NOT NULL,
    payload text NOT NULL,

    CONSTRAINT pk_collab_rows PRIMARY KEY (scope, collection, key)
);

CREATE INDEX IF NOT EXISTS ix_collab_rows_position ON collab_rows (scope, collection, position, key);

-- A deleted comment keeps its row (replies stay attached) but loses its text.
ALTER TABLE collab_comments ADD COLUMN IF NOT EXISTS deleted_at timestamptz NULL;
ALTER TABLE collab_comments ADD COLUMN IF NOT EXISTS deleted_by text NULL;
