using System.Collections.Concurrent;
using Collab.Grains;
using Collab.Grains.Abstractions.Live;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// The presence of this web node's connections. It reports a scope's entries to that scope's presence grain
/// on every change and re-reports everything on a heartbeat; when this node dies the heartbeats stop and the
/// grains drop its entries by themselves.
/// Each scope keeps its own index of entries (a report never scans every connection of the node), and at most
/// one report per scope is in flight: changes made meanwhile share the next report, so a thousand people
/// joining at once cost a handful of reports, not a thousand lists of a thousand.
/// </summary>
public sealed partial class PresenceTracker(IGrainFactory grains, IOptions<CollabLiveOptions> options, ILogger<PresenceTracker> logger)
    : BackgroundService
{
    private readonly string _nodeId = $"web-{Environment.MachineName}-{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, ConnectionPresence> _connections = new();
    private readonly ConcurrentDictionary<string, ScopePresence> _scopes = new();

    /// <summary>The connection is live in <paramref name="joinedScope"/> and, rolled up, in <paramref name="presenceScopes"/>.</summary>
    public Task Join(string connectionId, string memberId, string displayName, string joinedScope, IReadOnlyList<string> presenceScopes)
    {
        var connection = _connections.GetOrAdd(connectionId, _ => new ConnectionPresence(memberId, displayName));
        lock (connection)
        {
            if (connection.Joined.Remove(joinedScope, out var earlier)) Unindex(connectionId, joinedScope, earlier);
            var joined = new Joined(PresenceActivity.Viewing, presenceScopes);
            connection.Joined[joinedScope] = joined;
            Index(connectionId, connection, joinedScope, joined);
        }
        return Report(presenceScopes);
    }

    public Task Leave(string connectionId, string joinedScope)
    {
        if (!_connections.TryGetValue(connectionId, out var connection)) return Task.CompletedTask;
        Joined? left;
        lock (connection)
        {
            if (connection.Joined.Remove(joinedScope, out left)) Unindex(connectionId, joinedScope, left);
        }
        return left is null ? Task.CompletedTask : Report(left.PresenceScopes);
    }

    /// <summary>Returns false when the connection has not joined the scope.</summary>
    public async Task<bool> SetActivity(string connectionId, string joinedScope, PresenceActivity activity)
    {
        if (!_connections.TryGetValue(connectionId, out var connection)) return false;
        Joined? joined;
        lock (connection)
        {
            if (!connection.Joined.TryGetValue(joinedScope, out joined)) return false;
            if (joined.Activity == activity) return true;
            connection.Joined[joinedScope] = joined = joined with { Activity = activity };
            Index(connectionId, connection, joinedScope, joined);
        }
        await Report(joined.PresenceScopes);
        return true;
    }

    public Task Disconnect(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return Task.CompletedTask;
        List<string> scopes;
        lock (connection)
        {
            foreach (var (where, joined) in connection.Joined) Unindex(connectionId, where, joined);
            scopes = connection.Joined.Values.SelectMany(j => j.PresenceScopes).Distinct().ToList();
        }
        return Report(scopes);
    }

    public Task<PresenceSnapshot> Current(string scope) => grains.GetGrain<IPresenceGrain>(scope).Get();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceHeartbeat);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Report(_scopes.Keys.ToList());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(ex);
            }
        }
    }

    private void Index(string connectionId, ConnectionPresence connection, string where, Joined joined)
    {
        var entry = new PresenceEntry(connectionId, connection.MemberId, connection.DisplayName, joined.Activity, where);
        foreach (var scope in joined.PresenceScopes)
        {
            while (true)
            {
                var presence = _scopes.GetOrAdd(scope, _ => new ScopePresence());
                lock (presence)
                {
                    // A scope reported empty leaves the list; an entry arriving then goes into its successor.
                    if (presence.Retired) continue;
                    presence.Entries[(connectionId, where)] = entry;
                    presence.Dirty.Add((connectionId, where));
                    break;
                }
            }
        }
    }

    private void Unindex(string connectionId, string where, Joined joined)
    {
        foreach (var scope in joined.PresenceScopes)
        {
            if (!_scopes.TryGetValue(scope, out var presence)) continue;
            lock (presence)
            {
                if (presence.Entries.TryRemove((connectionId, where), out _)) presence.Dirty.Add((connectionId, where));
            }
        }
    }

    private Task Report(IEnumerable<string> scopes) => Task.WhenAll(scopes.Distinct().Select(Report));

    /// <summary>Completes once a report made after this call has reached the grain (the caller's change included).</summary>
    private Task Report(string scope)
    {
        while (true)
        {
            var presence = _scopes.GetOrAdd(scope, _ => new ScopePresence());
            lock (presence)
            {
                // Retired while this call looked it up: the scope's entries now live in its successor.
                if (presence.Retired) continue;
                if (presence.Sending) return (presence.Next ??= NewWaiter()).Task;
                presence.Sending = true;
            }
            var first = NewWaiter();
            _ = SendWhileChanged(scope, presence, first);
            return first.Task;
        }
    }

    private async Task SendWhileChanged(string scope, ScopePresence presence, TaskCompletionSource waiting)
    {
        while (true)
        {
            try
            {
                await Send(grains.GetGrain<IPresenceGrain>(scope), presence);
                // A scope stays on the heartbeat list until the grain has been told it is empty.
                lock (presence)
                {
                    if (presence.Entries.IsEmpty && presence.Dirty.Count == 0 && presence.Next is null)
                    {
                        presence.Retired = true;
                        _scopes.TryRemove(new(scope, presence));
                    }
                }
                waiting.SetResult();
            }
            catch (Exception ex)
            {
                // What this report carried may or may not have arrived: the next one says everything.
                presence.Synced = false;
                waiting.SetException(ex);
            }
            lock (presence)
            {
                if (presence.Next is null)
                {
                    presence.Sending = false;
                    return;
                }
                waiting = presence.Next;
                presence.Next = null;
            }
        }
    }

    /// <summary>
    /// Sends what changed since the last report the grain took (a heartbeat sends no change and keeps this node's
    /// entries alive), or everything when the grain no longer holds that report (it was restarted, or dropped this
    /// node as silent) or a report failed. A crowd joining thus costs each report its arrivals, not the crowd.
    /// </summary>
    private async Task Send(IPresenceGrain grain, ScopePresence presence)
    {
        List<(string ConnectionId, string Where)> dirty;
        lock (presence)
        {
            dirty = [.. presence.Dirty];
            presence.Dirty.Clear();
        }
        if (presence.Synced)
        {
            var upserted = new List<PresenceEntry>();
            var removed = new List<PresenceKey>();
            foreach (var key in dirty)
            {
                if (presence.Entries.TryGetValue(key, out var entry)) upserted.Add(entry);
                else removed.Add(new PresenceKey(key.ConnectionId, key.Where));
            }
            if (await grain.ReportChanges(_nodeId, new PresenceChanges(presence.Version, upserted, removed)))
            {
                presence.Version++;
                return;
            }
        }
        await grain.Report(_nodeId, presence.Entries.Values.ToList());
        presence.Version = 0;
        presence.Synced = true;
    }

    private static TaskCompletionSource NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence heartbeat failed; the next one retries")]
    private partial void LogHeartbeatFailed(Exception exception);

    private sealed class ConnectionPresence(string memberId, string displayName)
    {
        public string MemberId { get; } = memberId;
        public string DisplayName { get; } = displayName;
        public Dictionary<string, Joined> Joined { get; } = [];
    }

    private sealed record Joined(PresenceActivity Activity, IReadOnlyList<string> PresenceScopes);

    /// <summary>
    /// This node's entries in one scope, those changed since the last report, and whether a report of them is on
    /// its way. The report fields (<see cref="Synced"/>, <see cref="Version"/>) belong to the one sender at a time.
    /// </summary>
    private sealed class ScopePresence
    {
        public ConcurrentDictionary<(string ConnectionId, string Where), PresenceEntry> Entries { get; } = new();
        /// <summary>Keys added, changed or removed since the last report (guarded by the instance's lock).</summary>
        public HashSet<(string ConnectionId, string Where)> Dirty { get; } = [];
        /// <summary>The grain holds this node's full report and every change since (so changes alone may follow).</summary>
        public bool Synced { get; set; }
        /// <summary>How many changes the grain took since the last full report.</summary>
        public long Version { get; set; }
        public bool Sending { get; set; }
        public bool Retired { get; set; }
        public TaskCompletionSource? Next { get; set; }
    }
}
