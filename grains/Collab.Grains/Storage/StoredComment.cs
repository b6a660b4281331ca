namespace Collab.Grains.Storage;

/// <summary>
/// The current state of one comment, kept as its own row beside the event log so a thread can be paged
/// without replaying it, and so changing one comment rewrites one small row, never the thread.
/// </summary>
/// <param name="CommentId">The seq of the event that posted it: stable and ordered within the thread.</param>
/// <param name="ReactionsJson">Emoji to the member ids who reacted with it, as a JSON object.</param>
/// <param name="MentionsJson">The member ids mentioned in <see cref="Text"/>, as a JSON array.</param>
/// <param name="LastSeq">The seq of the last event that changed this comment.</param>
/// <param name="DeletedAt">Set once the comment is deleted: its text is then gone from the row, its replies stay.</param>
/// <param name="ModerationJson">Whether the comment is held for review or hidden by a moderator (who, when), as JSON; null for neither.</param>
public sealed record StoredComment(
    string ThreadId,
    long CommentId,
    long? ParentId,
    string AuthorId,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    string ReactionsJson,
    string MentionsJson,
    long LastSeq,
    DateTimeOffset? DeletedAt = null,
    string? DeletedBy = null,
    string? ModerationJson = null);
