using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Logging;

/// <summary>
/// A hub connection keeps the <see cref="CorrelationId"/> of the request that opened it; every invocation, and its
/// connecting and disconnecting, logs inside a scope carrying it (and the connection id), because SignalR runs
/// them outside that request's own scope.
/// </summary>
public sealed class CorrelationHubFilter(ILogger<CorrelationHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using (Scope(invocationContext.Context)) return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        using (Scope(context.Context)) await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        using (Scope(context.Context)) await next(context, exception);
    }

    private IDisposable? Scope(HubCallerContext context)
    {
        var http = context.GetHttpContext();
        return logger.BeginScope(new Dictionary<string, object>
        {
            [CorrelationId.ScopeKey] = http is null ? context.ConnectionId : CorrelationId.Of(http),
            ["ConnectionId"] = context.ConnectionId,
        });
    }
}
