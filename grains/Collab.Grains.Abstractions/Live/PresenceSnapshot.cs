namespace Collab.Grains.Abstractions.Live;

/// <summary>Everyone live in a scope now, one entry per connection; small enough to send whole on each change.</summary>
[GenerateSerializer, Alias("collab.presence-snapshot")]
public sealed record PresenceSnapshot(
    [property: Id(0)] string Scope,
    [property: Id(1)] IReadOnlyList<PresenceEntry> Entries);
