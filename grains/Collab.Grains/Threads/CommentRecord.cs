using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;

namespace Collab.Grains.Threads;

/// <summary>Converts between the stored comment row and the comment clients see.</summary>
public static class CommentRecord
{
    public static CommentView ToView(StoredComment c)
    {
        var moderation = c.ModerationJson is null ? null : CollabJson.Deserialize<CommentModeration>(c.ModerationJson);
        return new(
            c.ThreadId, c.CommentId, c.ParentId, c.AuthorId, c.Text, c.CreatedAt, c.EditedAt,
            CollabJson.Deserialize<Dictionary<string, string[]>>(c.ReactionsJson)
                .ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value.ToList()),
            CollabJson.Deserialize<string[]>(c.MentionsJson).ToList(), c.DeletedAt, c.DeletedBy,
            moderation?.Held ?? false, moderation?.HiddenAt, moderation?.HiddenBy);
    }

    public static StoredComment ToStored(CommentView v, long lastSeq) => new(
        v.ThreadId, v.Id, v.ParentId, v.AuthorId, v.Text, v.CreatedAt, v.EditedAt,
        CollabJson.Serialize(v.Reactions), CollabJson.Serialize(v.MentionIds), lastSeq, v.DeletedAt, v.DeletedBy,
        v.Held || v.HiddenAt is not null ? CollabJson.Serialize(new CommentModeration(v.Held, v.HiddenAt, v.HiddenBy)) : null);

    /// <summary>
    /// The comment as <paramref name="readerId"/> may see it: a held post only by its author and moderators (null
    /// for anyone else), a hidden one's text only by them too.
    /// </summary>
    public static CommentView? ForReader(CommentView c, string readerId, bool moderator)
    {
        if (moderator || c.AuthorId == readerId) return c;
        if (c.Held) return null;
        return c.HiddenAt is null ? c : Redacted(c);
    }

    /// <summary>What everyone may be pushed about a hidden or held comment: that it is, never its words.</summary>
    public static CommentView Redacted(CommentView c) =>
        c with { Text = "", MentionIds = [] };

    private sealed record CommentModeration(bool Held, DateTimeOffset? HiddenAt, string? HiddenBy);
}
