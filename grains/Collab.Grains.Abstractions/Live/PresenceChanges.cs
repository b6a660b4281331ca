namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// What changed in one web node's presence in a scope since its report of version <paramref name="BaseVersion"/>
/// (0 = its last full report): entries added or changed, and the keys of entries gone. A crowd joining costs the
/// node and the grain the arrivals, not the whole crowd on every report.
/// </summary>
[GenerateSerializer, Alias("collab.presence-changes")]
public sealed record PresenceChanges(
    [property: Id(0)] long BaseVersion,
    [property: Id(1)] IReadOnlyList<PresenceEntry> Upserted,
    [property: Id(2)] IReadOnlyList<PresenceKey> Removed);

/// <summary>An entry's identity: one connection in the exact scope it joined.</summary>
[GenerateSerializer, Alias("collab.presence-key")]
public sealed record PresenceKey([property: Id(0)] string ConnectionId, [property: Id(1)] string Where);
