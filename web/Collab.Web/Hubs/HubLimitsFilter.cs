using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Collab.Grains.Abstractions.Errors;
using Collab.Web.Auth;
using Collab.Web.Extensions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Collab.Web.Hubs;

/// <summary>
/// Per-connection command rate and per-member connection count. A breach refuses that one call (or that one
/// new connection) and is logged; the connection itself and everyone else carry on.
/// </summary>
public sealed partial class HubLimitsFilter(IOptions<CollabConnectionLimitsOptions> options, ILogger<HubLimitsFilter> logger) : IHubFilter
{
    private const string LimiterKey = "rate-limiter";
    private readonly ConcurrentDictionary<string, int> _connectionsPerMember = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (context.Items[LimiterKey] is RateLimiter limiter)
        {
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                LogRateLimited(context.UserIdentifier ?? "?", context.ConnectionId, invocationContext.HubMethodName);
                throw CollabException.LimitExceeded($"Too many commands: at most {options.Value.CommandsPerSecond} per second. Slow down and retry.");
            }
        }
        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var member = context.Context.User!.MemberId();
        var count = _connectionsPerMember.AddOrUpdate(member, 1, (_, n) => n + 1);
        if (count > options.Value.MaxConnectionsPerMember)
        {
            Release(member);
            LogTooManyConnections(member, options.Value.MaxConnectionsPerMember);
            throw new HubException($"Too many open connections for this member (at most {options.Value.MaxConnectionsPerMember}); close some tabs.");
        }

        context.Context.Items["member"] = member;
        context.Context.Items[LimiterKey] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.CommandBurst,
            TokensPerPeriod = options.Value.CommandsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items["member"] is string member) Release(member);
        (context.Context.Items[LimiterKey] as IDisposable)?.Dispose();
        await next(context, exception);
    }

    private void Release(string member) =>
        _connectionsPerMember.AddOrUpdate(member, 0, (_, n) => Math.Max(0, n - 1));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub rate limit: member {Member} on connection {ConnectionId} called {Method} too often")]
    private partial void LogRateLimited(string member, string connectionId, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member {Member} tried to open more than {Max} hub connections on this node")]
    private partial void LogTooManyConnections(string member, int max);
}
