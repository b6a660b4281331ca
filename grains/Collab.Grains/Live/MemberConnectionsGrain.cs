using Collab.Grains.Abstractions.Live;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Live;

/// <summary>
/// One member's open connections per web node. In memory only, for the reason presence is: every live node
/// re-reports its counts within one heartbeat, so a restarted silo or a moved activation is whole again by
/// then, and a node that went silent for the presence timeout (it died without closing anything) stops
/// counting. Not reentrant, so admitting against the limit and counting the admitted one are one step.
/// </summary>
public sealed class MemberConnectionsGrain(IOptions<CollabLiveOptions> options, TimeProvider time) : Grain, IMemberConnectionsGrain
{
    private readonly Dictionary<string, NodeCount> _nodes = [];

    public Task<bool> Open(string nodeId, int limit)
    {
        DropSilentNodes();
        var admitted = Total() < limit;
        if (admitted) Set(nodeId, CountOn(nodeId) + 1);
        ForgetWhenEmpty();
        return Task.FromResult(admitted);
    }

    public Task Close(string nodeId)
    {
        DropSilentNodes();
        Set(nodeId, CountOn(nodeId) - 1);
        ForgetWhenEmpty();
        return Task.CompletedTask;
    }

    public Task Report(string nodeId, int count)
    {
        DropSilentNodes();
        Set(nodeId, count);
        ForgetWhenEmpty();
        return Task.CompletedTask;
    }

    public Task<int> Count()
    {
        DropSilentNodes();
        ForgetWhenEmpty();
        return Task.FromResult(Total());
    }

    private int Total() => _nodes.Values.Sum(n => n.Connections);

    private int CountOn(string nodeId) => _nodes.TryGetValue(nodeId, out var node) ? node.Connections : 0;

    /// <summary>Every call from a node is also its sign of life, so its count is stamped now.</summary>
    private void Set(string nodeId, int connections)
    {
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = new NodeCount(connections, time.GetUtcNow());
    }

    private void DropSilentNodes()
    {
        var cutoff = time.GetUtcNow() - options.Value.PresenceTimeout;
        foreach (var (nodeId, _) in _nodes.Where(n => n.Value.At < cutoff).ToList()) _nodes.Remove(nodeId);
    }

    /// <summary>Nothing open anywhere: nothing worth keeping in memory until the member connects again.</summary>
    private void ForgetWhenEmpty()
    {
        if (_nodes.Count == 0) DeactivateOnIdle();
    }

    private sealed record NodeCount(int Connections, DateTimeOffset At);
}
