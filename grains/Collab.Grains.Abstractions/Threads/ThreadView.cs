namespace Collab.Grains.Abstractions.Threads;

/// <param name="ProjectId">Set when the thread is a project's discussion.</param>
/// <param name="LastSeq">The seq of the newest event of the thread's log.</param>
/// <param name="LastCommentId">The newest comment everyone may see (0 for none): what a member's read mark is compared with.</param>
[GenerateSerializer, Alias("collab.thread-view")]
public sealed record ThreadView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string? ProjectId,
    [property: Id(3)] string Title,
    [property: Id(4)] bool Locked,
    [property: Id(5)] long LastSeq,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] int CommentCount,
    [property: Id(9)] DateTimeOffset? LastCommentAt,
    [property: Id(10)] string? LastCommentBy,
    [property: Id(11)] long LastCommentId = 0);
