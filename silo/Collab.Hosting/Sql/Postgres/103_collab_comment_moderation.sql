-- Whether a comment is held for review or hidden by a moderator (who, when), as JSON; NULL for neither.
ALTER TABLE collab_comments ADD COLUMN IF NOT EXISTS moderation text NULL;
