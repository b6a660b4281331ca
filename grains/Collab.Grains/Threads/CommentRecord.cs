using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;

namespace Collab.Grains.Threads;

/// <summary>Converts between the stored comment row and the comment clients see.</summary>
public static class CommentRecord
{
    public static CommentView ToView(StoredComment c) => new(
        c.ThreadId, c.CommentId, c.ParentId, c.AuthorId, c.Text, c.CreatedAt, c.EditedAt,
        CollabJson.Deserialize<Dictionary<string, string[]>>(c.ReactionsJson)
            .ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value.ToList()),
        CollabJson.Deserialize<string[]>(c.MentionsJson).ToList(), c.DeletedAt, c.DeletedBy);

    public static StoredComment ToStored(CommentView v, long lastSeq) => new(
        v.ThreadId, v.Id, v.ParentId, v.AuthorId, v.Text, v.CreatedAt, v.EditedAt,
        CollabJson.Serialize(v.Reactions), CollabJson.Serialize(v.MentionIds), lastSeq, v.DeletedAt, v.DeletedBy);
}
