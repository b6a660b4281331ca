namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// How many hub connections one member (key = member id) has open across every web node, so a limit on them
/// holds for the cluster rather than per node. Held in memory, like presence: each web node reports its own
/// count on every change and on its heartbeat, a node that stops reporting (it died) no longer counts, and a
/// member with no connections anywhere is forgotten.
/// </summary>
[Alias("collab.member-connections")]
public interface IMemberConnectionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Admits one more connection on <paramref name="nodeId"/> unless the member already has
    /// <paramref name="limit"/> open on the nodes that still report; answers whether it was admitted.
    /// </summary>
    [Alias("open")] Task<bool> Open(string nodeId, int limit);

    /// <summary>One connection of the member on <paramref name="nodeId"/> closed.</summary>
    [Alias("close")] Task Close(string nodeId);

    /// <summary>The heartbeat: <paramref name="nodeId"/> has <paramref name="count"/> connections of the member now.</summary>
    [Alias("report")] Task Report(string nodeId, int count);

    /// <summary>The member's open connections on the nodes that still report.</summary>
    [Alias("count")] Task<int> Count();
}
