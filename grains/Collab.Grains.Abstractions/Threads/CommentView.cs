namespace Collab.Grains.Abstractions.Threads;

/// <param name="Id">The seq of the event that posted it; ordered within the thread.</param>
/// <param name="Reactions">Emoji to the ids of the members who reacted with it.</param>
/// <param name="MentionIds">Member ids of the @handles in the text.</param>
/// <param name="Held">A new member's post waiting for a moderator's approval: only its author and moderators see it.</param>
/// <param name="HiddenAt">Set while a moderator hides it: members see "hidden by a moderator"; its author and moderators still read it.</param>
/// <param name="DeletedAt">Set when the comment was deleted (by its author or a moderator): the text is then empty, replies stay.</param>
[GenerateSerializer, Alias("collab.comment-view")]
public sealed record CommentView(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] long Id,
    [property: Id(2)] long? ParentId,
    [property: Id(3)] string AuthorId,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? EditedAt,
    [property: Id(7)] IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions,
    [property: Id(8)] IReadOnlyList<string> MentionIds,
    [property: Id(9)] DateTimeOffset? DeletedAt = null,
    [property: Id(10)] string? DeletedBy = null,
    [property: Id(11)] bool Held = false,
    [property: Id(12)] DateTimeOffset? HiddenAt = null,
    [property: Id(13)] string? HiddenBy = null);
