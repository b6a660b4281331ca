namespace Collab.Grains.Storage;

/// <summary>One row of a scope's event log. <see cref="Seq"/> is gap-free per <see cref="Scope"/>.</summary>
/// <param name="Payload">The event body as JSON, so the log can be read without the grain's types.</param>
/// <param name="CommandId">The client-generated id of the command that caused it, for idempotent retries.</param>
public sealed record StoredEvent(
    string Scope,
    long Seq,
    string Kind,
    string Payload,
    string ActorId,
    string? CommandId,
    DateTimeOffset At);
