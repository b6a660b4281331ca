namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// Who is live in one scope (key = scope name). Held in memory only: web nodes report their connections on
/// every change and on a heartbeat, and a node's entries vanish when its reports stop, so a dead node or a
/// restarted silo heals by itself. A node reports everything once, then only what changed.
/// </summary>
[Alias("collab.presence")]
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>Replaces everything <paramref name="nodeId"/> reported for this scope.</summary>
    [Alias("report")] Task Report(string nodeId, IReadOnlyList<PresenceEntry> entries);

    /// <summary>
    /// Applies what changed since <paramref name="nodeId"/>'s report of <see cref="PresenceChanges.BaseVersion"/>
    /// (a heartbeat is an empty change). Answers false, changing nothing, when this grain does not hold that version
    /// (it was restarted, or dropped the node as silent): the node then reports everything again.
    /// </summary>
    [Alias("report-changes")] Task<bool> ReportChanges(string nodeId, PresenceChanges changes);
    [Alias("get")] Task<PresenceSnapshot> Get();
}
