namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// Everyone live in a scope now. A small scope sends one entry per connection; beyond the configured threshold
/// (a festival thread) it sends a <see cref="Summary"/> and only the most recent arrivals in
/// <see cref="Entries"/>, so a push costs the same at 100 and at 10,000 people.
/// </summary>
[GenerateSerializer, Alias("collab.presence-snapshot")]
public sealed record PresenceSnapshot(
    [property: Id(0)] string Scope,
    [property: Id(1)] IReadOnlyList<PresenceEntry> Entries,
    [property: Id(2)] PresenceSummary? Summary = null);

/// <summary>How many are here when the snapshot lists only the most recent arrivals.</summary>
[GenerateSerializer, Alias("collab.presence-summary")]
public sealed record PresenceSummary(
    [property: Id(0)] int Members,
    [property: Id(1)] int Connections);
