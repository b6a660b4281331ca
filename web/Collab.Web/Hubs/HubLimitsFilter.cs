using System.Threading.RateLimiting;
using Collab.Grains.Abstractions.Errors;
using Collab.Web.Auth;
using Collab.Web.Extensions;
using Collab.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Collab.Web.Hubs;

/// <summary>
/// Per-connection command rate and per-member connection count (across the cluster). A breach refuses that one
/// call (or, told why, that one new connection) and is logged; the connection itself and everyone else carry on.
/// </summary>
public sealed partial class HubLimitsFilter(
    MemberConnections connections,
    IOptions<CollabConnectionLimitsOptions> options,
    ILogger<HubLimitsFilter> logger) : IHubFilter
{
    private const string LimiterKey = "rate-limiter";
    private const string MemberKey = "member";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (context.Items.TryGetValue(LimiterKey, out var value) && value is RateLimiter limiter)
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
        if (!await connections.TryOpen(member))
        {
            // One tab too many is a member's ordinary mistake, not a fault. Thrown from here it would reach SignalR,
            // which logs every failure of OnConnectedAsync as an error; told why and then closed, the client can say
            // so and wait for a place instead of connecting again at once.
            LogTooManyConnections(member, options.Value.MaxConnectionsPerMember);
            await ((Hub<ICollabClient>)context.Hub).Clients.Caller.Refused(new ConnectionRefused(nameof(CollabErrorKind.LimitExceeded),
                $"Too many open connections for this member (at most {options.Value.MaxConnectionsPerMember}); close some tabs."));
            context.Context.Abort();
            return;
        }

        context.Context.Items[MemberKey] = member;
        context.Context.Items[LimiterKey] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.CommandBurst,
            TokensPerPeriod = options.Value.CommandsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            await Release(context, "connect failed");
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        await Release(context, "disconnect");
        await next(context, exception);
    }

    /// <summary>Gives the connection's place back; a failure is logged, never kept from the rest of the cleanup.</summary>
    private async Task Release(HubLifetimeContext context, string when)
    {
        var items = context.Context.Items;
        if (items.Remove(LimiterKey, out var limiter)) (limiter as IDisposable)?.Dispose();
        // Removed as it is given back, so a connection never gives its place back twice.
        if (!items.Remove(MemberKey, out var value) || value is not string member) return;
        try
        {
            await connections.Close(member);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(member, context.Context.ConnectionId, when, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub rate limit: member {Member} on connection {ConnectionId} called {Method} too often")]
    private partial void LogRateLimited(string member, string connectionId, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {Member} tried to open more than {Max} hub connections; refused")]
    private partial void LogTooManyConnections(string member, int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back the connection place of member {Member} ({ConnectionId}, on {When}) failed; the count heals at the next heartbeat or expires")]
    private partial void LogReleaseFailed(string member, string connectionId, string when, Exception exception);
}
