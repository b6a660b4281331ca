namespace Collab.Grains.Abstractions.Threads;

/// <summary>A thread of a circle (its own, or a project's discussion) as one member's list shows it: activity and what is unread.</summary>
/// <param name="Unread">Comments newer than the member's read mark (all of them when the member never opened the thread).</param>
/// <param name="LastReadCommentId">The member's read mark (0 when never opened): the thread opens at the comment after it.</param>
/// <param name="Seen">The member opened the thread (or started it): a thread never seen is new to them.</param>
[GenerateSerializer, Alias("collab.thread-unread")]
public sealed record ThreadUnread(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] string? ProjectId,
    [property: Id(2)] string Title,
    [property: Id(3)] int CommentCount,
    [property: Id(4)] DateTimeOffset? LastCommentAt,
    [property: Id(5)] string? LastCommentBy,
    [property: Id(6)] long LastCommentId,
    [property: Id(7)] int Unread,
    [property: Id(8)] long LastReadCommentId,
    [property: Id(9)] bool Seen);
