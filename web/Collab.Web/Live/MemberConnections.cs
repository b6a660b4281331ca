using System.Collections.Concurrent;
using Collab.Grains;
using Collab.Grains.Abstractions.Live;
using Collab.Web.Extensions;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// This web node's share of each member's connection limit. The member's connections grain admits or refuses
/// against the cluster-wide count; this node keeps only the count of its own connections per member, to tell
/// the grain on every change and on the heartbeat (that is what lets a dead node's count expire there), and
/// forgets a member when their last connection here closes.
/// </summary>
public sealed partial class MemberConnections(
    IGrainFactory grains,
    IOptions<CollabConnectionLimitsOptions> limits,
    IOptions<CollabLiveOptions> live,
    ILogger<MemberConnections> logger) : BackgroundService
{
    /// <summary>
    /// How long connecting and disconnecting wait for the member's grain: a grain on a silo that just died answers
    /// only when the call times out, and a connection should not wait that long for bookkeeping.
    /// </summary>
    private static readonly TimeSpan GrainPatience = TimeSpan.FromSeconds(5);

    private readonly string _nodeId = $"web-{Environment.MachineName}-{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, LocalCount> _members = new();

    /// <summary>The members with at least one connection open on this node.</summary>
    public IReadOnlyCollection<string> Members => _members.Keys.ToList();

    /// <summary>Asks the member's grain for one more connection; false when the member is at the limit across the cluster.</summary>
    public async Task<bool> TryOpen(string memberId)
    {
        while (true)
        {
            var local = _members.GetOrAdd(memberId, _ => new LocalCount());
            await local.Gate.WaitAsync();
            try
            {
                // Retired while this call waited for it: the member's current count is a new entry.
                if (local.Retired) continue;
                bool admitted;
                try
                {
                    admitted = await Grain(memberId).Open(_nodeId, limits.Value.MaxConnectionsPerMember).WaitAsync(GrainPatience);
                }
                catch (Exception ex)
                {
                    // The count is out of reach (its silo just died, say): a limit that protects the node must not
                    // lock everyone out meanwhile. Admitted and counted here, the connection reaches the grain with
                    // the next heartbeat.
                    LogCountUnreachable(memberId, ex);
                    admitted = true;
                }
                if (admitted) local.Count++;
                else RetireIfEmpty(memberId, local);
                return admitted;
            }
            finally
            {
                local.Gate.Release();
            }
        }
    }

    /// <summary>One of the member's connections here closed; forgotten here even if the grain cannot be told (its count then expires).</summary>
    public async Task Close(string memberId)
    {
        if (!_members.TryGetValue(memberId, out var local)) return;
        await local.Gate.WaitAsync();
        try
        {
            if (local.Retired) return;
            local.Count--;
            RetireIfEmpty(memberId, local);
            await Grain(memberId).Close(_nodeId).WaitAsync(GrainPatience);
        }
        finally
        {
            local.Gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(live.Value.PresenceHeartbeat);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (memberId, local) in _members) await Report(memberId, local, stoppingToken);
        }
    }

    /// <summary>Re-reports the count, which also heals a count the grain lost (silo restart) or got wrong (a failed call).</summary>
    private async Task Report(string memberId, LocalCount local, CancellationToken cancellationToken)
    {
        await local.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!local.Retired) await Grain(memberId).Report(_nodeId, local.Count).WaitAsync(GrainPatience, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportFailed(memberId, ex);
        }
        finally
        {
            local.Gate.Release();
        }
    }

    private void RetireIfEmpty(string memberId, LocalCount local)
    {
        if (local.Count > 0) return;
        local.Retired = true;
        _members.TryRemove(new KeyValuePair<string, LocalCount>(memberId, local));
    }

    private IMemberConnectionsGrain Grain(string memberId) => grains.GetGrain<IMemberConnectionsGrain>(memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection count of member {Member} is out of reach; the connection is admitted and counted at the next heartbeat")]
    private partial void LogCountUnreachable(string member, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the connection count of member {Member} failed; the next heartbeat retries")]
    private partial void LogReportFailed(string member, Exception exception);

    /// <summary>Guarded by its gate, so a report never overtakes an open or a close of the same member.</summary>
    private sealed class LocalCount
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Count { get; set; }
        public bool Retired { get; set; }
    }
}
