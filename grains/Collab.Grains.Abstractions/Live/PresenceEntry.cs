namespace Collab.Grains.Abstractions.Live;

/// <summary>One connection's presence somewhere inside a scope.</summary>
/// <param name="Where">The exact scope the connection joined (a thread inside the circle, say).</param>
[GenerateSerializer, Alias("collab.presence-entry")]
public sealed record PresenceEntry(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string MemberId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] PresenceActivity Activity,
    [property: Id(4)] string Where);
