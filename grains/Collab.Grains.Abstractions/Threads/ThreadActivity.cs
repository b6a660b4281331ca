namespace Collab.Grains.Abstractions.Threads;

/// <summary>
/// A thread's new summary, pushed to its circle's scope when a comment appears or goes, so lists update live
/// without joining every thread. Like presence it has no seq and is never stored: the thread keeps the truth,
/// and a list read again shows it.
/// </summary>
/// <param name="Scope">The circle's scope, where it is pushed.</param>
[GenerateSerializer, Alias("collab.thread-activity")]
public sealed record ThreadActivity(
    [property: Id(0)] string Scope,
    [property: Id(1)] string ThreadId,
    [property: Id(2)] string? ProjectId,
    [property: Id(3)] int CommentCount,
    [property: Id(4)] DateTimeOffset? LastCommentAt,
    [property: Id(5)] string? LastCommentBy,
    [property: Id(6)] long LastCommentId);
