using System.Collections.Concurrent;
using Collab.Grains;
using Collab.Grains.Abstractions.Live;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// The presence of this web node's connections. It reports a scope's entries to that scope's presence grain
/// on every change and re-reports everything on a heartbeat; when this node dies the heartbeats stop and the
/// grains drop its entries by themselves.
/// </summary>
public sealed partial class PresenceTracker(IGrainFactory grains, IOptions<CollabLiveOptions> options, ILogger<PresenceTracker> logger)
    : BackgroundService
{
    private readonly string _nodeId = $"web-{Environment.MachineName}-{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, ConnectionPresence> _connections = new();
    private readonly ConcurrentDictionary<string, byte> _reportedScopes = new();

    /// <summary>The connection is live in <paramref name="joinedScope"/> and, rolled up, in <paramref name="presenceScopes"/>.</summary>
    public Task Join(string connectionId, string memberId, string displayName, string joinedScope, IReadOnlyList<string> presenceScopes)
    {
        var connection = _connections.GetOrAdd(connectionId, _ => new ConnectionPresence(memberId, displayName));
        lock (connection) connection.Joined[joinedScope] = new Joined(PresenceActivity.Viewing, presenceScopes);
        return Report(presenceScopes);
    }

    public Task Leave(string connectionId, string joinedScope)
    {
        if (!_connections.TryGetValue(connectionId, out var connection)) return Task.CompletedTask;
        Joined? left;
        lock (connection) connection.Joined.Remove(joinedScope, out left);
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
        }
        await Report(joined.PresenceScopes);
        return true;
    }

    public Task Disconnect(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return Task.CompletedTask;
        List<string> scopes;
        lock (connection) scopes = connection.Joined.Values.SelectMany(j => j.PresenceScopes).Distinct().ToList();
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
                await Report(_reportedScopes.Keys.ToList());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(ex);
            }
        }
    }

    private async Task Report(IEnumerable<string> scopes)
    {
        foreach (var scope in scopes.Distinct())
        {
            var entries = Entries(scope);
            await grains.GetGrain<IPresenceGrain>(scope).Report(_nodeId, entries);
            // A scope stays on the heartbeat list until it has been reported empty once.
            if (entries.Count > 0) _reportedScopes[scope] = 0;
            else _reportedScopes.TryRemove(scope, out _);
        }
    }

    private List<PresenceEntry> Entries(string scope)
    {
        var entries = new List<PresenceEntry>();
        foreach (var (connectionId, connection) in _connections)
        {
            lock (connection)
            {
                foreach (var (where, joined) in connection.Joined)
                {
                    if (joined.PresenceScopes.Contains(scope))
                        entries.Add(new PresenceEntry(connectionId, connection.MemberId, connection.DisplayName, joined.Activity, where));
                }
            }
        }
        return entries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence heartbeat failed; the next one retries")]
    private partial void LogHeartbeatFailed(Exception exception);

    private sealed class ConnectionPresence(string memberId, string displayName)
    {
        public string MemberId { get; } = memberId;
        public string DisplayName { get; } = displayName;
        public Dictionary<string, Joined> Joined { get; } = [];
    }

    private sealed record Joined(PresenceActivity Activity, IReadOnlyList<string> PresenceScopes);
}
