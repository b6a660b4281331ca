namespace Collab.Grains.Abstractions.Moderation;

/// <summary>One moderation action in a circle's append-only audit log: who did what to what, when and why.</summary>
/// <param name="Action">For example <c>comment.hidden</c>, <c>member.muted</c>, <c>thread.locked</c>, <c>flag.resolved</c>.</param>
/// <param name="Target">What it was done to, as a scope-like reference (<c>member:ID</c>, <c>comment:THREAD/ID</c>, <c>thread:ID</c>).</param>
[GenerateSerializer, Alias("collab.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string ActorId,
    [property: Id(2)] string Action,
    [property: Id(3)] string Target,
    [property: Id(4)] string? Reason);
