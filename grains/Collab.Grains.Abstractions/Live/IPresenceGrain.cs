namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// Who is live in one scope (key = scope name). Held in memory only: web nodes report their connections on
/// every change and on a heartbeat, and a node's entries vanish when its reports stop, so a dead node or a
/// restarted silo heals by itself.
/// </summary>
[Alias("collab.presence")]
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>Replaces everything <paramref name="nodeId"/> reported for this scope.</summary>
    [Alias("report")] Task Report(string nodeId, IReadOnlyList<PresenceEntry> entries);
    [Alias("get")] Task<PresenceSnapshot> Get();
}
