using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Activity;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Live;

/// <summary>
/// Presence of one scope, in memory: it is rebuilt within one heartbeat after any loss, so storing it would
/// only add writes. A node that stops reporting (it died, or lost its silo) has its entries dropped.
/// Pushes are coalesced (at most one per <see cref="CollabLiveOptions.PresencePushInterval"/>) and a crowded
/// scope pushes a summary, so N people joining cost O(N) messages of bounded size rather than O(N²).
/// </summary>
public sealed class PresenceGrain(IOptions<CollabLiveOptions> options, TimeProvider time) : Grain, IPresenceGrain
{
    private static readonly IReadOnlyDictionary<EntryKey, Arrival> NoEntries = new Dictionary<EntryKey, Arrival>();
    private readonly Dictionary<string, NodeReport> _nodes = [];
    private PresenceSnapshot? _snapshot;
    private long _arrivals;
    private DateTimeOffset _lastPush = DateTimeOffset.MinValue;
    private IGrainTimer? _pendingPush;

    private string Scope => this.GetPrimaryKeyString();
    private IScopeFeedGrain Feed => field ??= GrainFactory.GetGrain<IScopeFeedGrain>(Scope);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.PresenceTimeout / 5;
        this.RegisterGrainTimer(DropSilentNodes, new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public Task Report(string nodeId, IReadOnlyList<PresenceEntry> entries)
    {
        var before = _nodes.TryGetValue(nodeId, out var old) ? old.Entries : NoEntries;
        var changed = before.Count != entries.Count;
        var now = new Dictionary<EntryKey, Arrival>(entries.Count);
        foreach (var entry in entries)
        {
            var key = new EntryKey(entry.ConnectionId, entry.Where);
            if (before.TryGetValue(key, out var known))
            {
                if (known.Entry != entry) changed = true;
                now[key] = known with { Entry = entry };
            }
            else
            {
                changed = true;
                now[key] = new Arrival(entry, ++_arrivals);
            }
        }
        if (entries.Count == 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = new NodeReport(now) { At = time.GetUtcNow() };
        return changed ? Changed() : Task.CompletedTask;
    }

    public async Task<bool> ReportChanges(string nodeId, PresenceChanges changes)
    {
        if (!_nodes.TryGetValue(nodeId, out var node) || node.Version != changes.BaseVersion) return false;
        node.At = time.GetUtcNow();
        node.Version = changes.BaseVersion + 1;
        var changed = false;
        foreach (var gone in changes.Removed) changed |= node.Entries.Remove(new EntryKey(gone.ConnectionId, gone.Where));
        foreach (var entry in changes.Upserted)
        {
            var key = new EntryKey(entry.ConnectionId, entry.Where);
            if (node.Entries.TryGetValue(key, out var known))
            {
                if (known.Entry == entry) continue;
                node.Entries[key] = known with { Entry = entry };
            }
            else
            {
                node.Entries[key] = new Arrival(entry, ++_arrivals);
            }
            changed = true;
        }
        if (node.Entries.Count == 0) _nodes.Remove(nodeId);
        if (changed) await Changed();
        return true;
    }

    public Task<PresenceSnapshot> Get() => Task.FromResult(Snapshot());

    /// <summary>The snapshot is read by every join and every push: built once per change, not once per reader.</summary>
    private Task Changed()
    {
        _snapshot = null;
        return RequestPush();
    }

    private async Task DropSilentNodes(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.PresenceTimeout;
        var silent = _nodes.Where(n => n.Value.At < cutoff).Select(n => n.Key).ToList();
        foreach (var node in silent) _nodes.Remove(node);
        if (silent.Count > 0) await Changed();
    }

    /// <summary>
    /// A circle's presence is its "members live now" on the dashboards: told one-way with every (coalesced) push, so
    /// a crowd arriving costs one count a second, not one per arrival.
    /// </summary>
    private void TellActivity()
    {
        if (Scopes.TryParse(Scope, out var kind, out var circleId) && kind == Scopes.Circle)
            GrainFactory.GetGrain<IActivityGrain>(circleId).ReportMembersLive(circleId, ActivityGrain.CountMembers(Snapshot())).Ignore();
    }

    /// <summary>Pushes now if the last push is older than the interval, else once at the end of the interval.</summary>
    private Task RequestPush()
    {
        if (_pendingPush is not null) return Task.CompletedTask;
        var wait = _lastPush + options.Value.PresencePushInterval - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return Push();
        _pendingPush = this.RegisterGrainTimer(PushPending, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private Task PushPending(CancellationToken cancellationToken)
    {
        _pendingPush?.Dispose();
        _pendingPush = null;
        return Push();
    }

    private Task Push()
    {
        _lastPush = time.GetUtcNow();
        TellActivity();
        return Feed.PublishPresence(Snapshot());
    }

    private PresenceSnapshot Snapshot() => _snapshot ??= BuildSnapshot();

    private PresenceSnapshot BuildSnapshot()
    {
        var all = _nodes.Values.SelectMany(n => n.Entries.Values);
        var connections = _nodes.Values.Sum(n => n.Entries.Count);
        if (connections <= options.Value.PresenceSummaryThreshold)
        {
            return new PresenceSnapshot(Scope, all.Select(a => a.Entry)
                .OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.ConnectionId).ToList());
        }
        var members = all.Select(a => a.Entry.MemberId).Distinct(StringComparer.Ordinal).Count();
        // The newest few by a bounded heap: a join's answer reads this, so it must not sort the whole crowd.
        var newest = new PriorityQueue<Arrival, long>();
        foreach (var arrival in all)
        {
            newest.Enqueue(arrival, arrival.Order);
            if (newest.Count > options.Value.PresenceRecentEntries) newest.Dequeue();
        }
        var recent = newest.UnorderedItems.Select(i => i.Element).OrderByDescending(a => a.Order).Select(a => a.Entry).ToList();
        return new PresenceSnapshot(Scope, recent, new PresenceSummary(members, connections));
    }

    private readonly record struct EntryKey(string ConnectionId, string Where);

    /// <summary>An entry and when it first appeared here (a counter, so "most recent" needs no clock).</summary>
    private sealed record Arrival(PresenceEntry Entry, long Order);

    /// <summary>One node's entries, when it last reported, and the version of its changes this grain holds.</summary>
    private sealed class NodeReport(Dictionary<EntryKey, Arrival> entries)
    {
        public Dictionary<EntryKey, Arrival> Entries { get; } = entries;
        public DateTimeOffset At { get; set; }
        public long Version { get; set; }
    }
}
