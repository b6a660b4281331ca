-- Keyed collections that grow with use (a circle's members and invitations, its projects and threads, a
-- member's circles and inbox, the circle directory): one row per item, written in the transaction of the event
-- that causes it, read in pages by (position, key). A join inserts one row, whatever the circle's size.
CREATE TABLE IF NOT EXISTS collab_rows (
    scope      TEXT    NOT NULL,
    collection TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    payload    TEXT    NOT NULL,
    PRIMARY KEY (scope, collection, key)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS collab_rows_position ON collab_rows (scope, collection, position, key);

-- A deleted comment keeps its row (replies stay attached) but loses its text.
ALTER TABLE collab_comments ADD COLUMN deleted_at_us INTEGER NULL;
ALTER TABLE collab_comments ADD COLUMN deleted_by TEXT NULL;
