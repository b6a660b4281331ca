using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Activity;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Live;

/// <summary>
/// Presence of one scope, in memory: it is rebuilt within one heartbeat after any loss, so storing it would
/// only add writes. A node that stops reporting (it died, or lost its silo) has its entries dropped.
/// </summary>
public sealed class PresenceGrain(IOptions<CollabLiveOptions> options, TimeProvider time) : Grain, IPresenceGrain
{
    private readonly Dictionary<string, NodeReport> _nodes = [];

    private string Scope => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.PresenceTimeout / 5;
        this.RegisterGrainTimer(DropSilentNodes, new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task Report(string nodeId, IReadOnlyList<PresenceEntry> entries)
    {
        var before = _nodes.TryGetValue(nodeId, out var old) ? old.Entries : [];
        if (entries.Count == 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = new NodeReport(time.GetUtcNow(), entries.ToList());
        if (!before.SequenceEqual(entries)) await Publish();
        TellActivity();
    }

    public Task<PresenceSnapshot> Get() => Task.FromResult(Snapshot());

    private async Task DropSilentNodes(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.PresenceTimeout;
        var silent = _nodes.Where(n => n.Value.At < cutoff).Select(n => n.Key).ToList();
        foreach (var node in silent) _nodes.Remove(node);
        if (silent.Count > 0)
        {
            await Publish();
            TellActivity();
        }
    }

    /// <summary>
    /// A circle's presence is its "members live now" on the dashboards: told one-way on every report (so a heartbeat
    /// heals an activity grain that lost its count) and whenever silent nodes are dropped.
    /// </summary>
    private void TellActivity()
    {
        if (Scopes.TryParse(Scope, out var kind, out var circleId) && kind == Scopes.Circle)
            GrainFactory.GetGrain<IActivityGrain>(circleId).ReportMembersLive(circleId, ActivityGrain.CountMembers(Snapshot())).Ignore();
    }

    private Task Publish() => GrainFactory.GetGrain<IScopeFeedGrain>(Scope).PublishPresence(Snapshot());

    private PresenceSnapshot Snapshot() => new(Scope, _nodes.Values.SelectMany(n => n.Entries)
        .OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.ConnectionId).ToList());

    private sealed record NodeReport(DateTimeOffset At, IReadOnlyList<PresenceEntry> Entries);
}
