namespace Collab.Grains.Abstractions.Live;

/// <summary>One event of a scope's log as clients see it; <see cref="Seq"/> is gap-free per scope.</summary>
/// <param name="Payload">The event body as JSON (for comment events, the comment as it is after the event).</param>
[GenerateSerializer, Alias("collab.scope-event")]
public sealed record ScopeEvent(
    [property: Id(0)] string Scope,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Payload,
    [property: Id(4)] string ActorId,
    [property: Id(5)] DateTimeOffset At);
