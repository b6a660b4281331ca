using System.Text.Json;
using Collab.Grains.Abstractions.Errors;
using Collab.Hosting;
using Collab.Hosting.Storage;
using Collab.Hosting.Telemetry;
using Collab.Web.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Hubs;

/// <summary>
/// The one error shape of the hub: a domain error becomes a HubException whose message is JSON
/// (<c>{"kind":"Forbidden","detail":"…","field":null}</c>), so clients react to the kind, not to prose.
/// It is also where hub failures are logged: a refusal is the caller's mistake and is noted at Debug without a
/// stack trace; anything else is a fault of ours and is logged as an error with its exception. SignalR's own
/// record of every exception a hub method throws is switched off (see <see cref="Extensions.LiveExtensions"/>),
/// because it logs refusals and faults alike as errors.
/// </summary>
public sealed partial class HubErrorFilter(CollabMetrics metrics, ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        try
        {
            var result = await next(invocationContext);
            metrics.HubCommand(method, "ok");
            if (method == nameof(CollabHub.PostComment)) metrics.CommentPosted("hub");
            else if (method == nameof(CollabHub.SubmitOperation)) metrics.DocumentOperation();
            return result;
        }
        catch (CollabException ex) when (ex.Kind == CollabErrorKind.Unavailable)
        {
            metrics.HubCommand(method, nameof(CollabErrorKind.Unavailable));
            metrics.StorageUnavailable("hub");
            LogUnavailable(invocationContext.HubMethodName);
            throw Unavailable(ex);
        }
        catch (CollabException ex)
        {
            metrics.HubCommand(method, ex.Kind.ToString());
            if (ex.Kind == CollabErrorKind.LimitExceeded) metrics.RateLimitRefused("hub");
            LogRefused(invocationContext.HubMethodName, ex.Kind, ex.Message);
            throw new HubException(JsonSerializer.Serialize(new { kind = ex.Kind.ToString(), detail = ex.Message, field = ex.Field }));
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex))
        {
            // Met outside a grain call (a grain's activation, say): the same answer as one met inside it.
            metrics.HubCommand(method, nameof(CollabErrorKind.Unavailable));
            metrics.StorageUnavailable("hub");
            LogUnavailable(invocationContext.HubMethodName);
            throw Unavailable(StorageOutage.Unavailable());
        }
        catch (Exception ex) when (ClusterOutage.IsOutage(ex))
        {
            // A silo was lost mid-call: the caller repeats the command with its id once the cluster has recovered.
            metrics.HubCommand(method, nameof(CollabErrorKind.Unavailable));
            LogSiloLost(invocationContext.HubMethodName, ex.GetType().Name);
            throw Unavailable(ClusterOutage.Unavailable());
        }
        catch (HubException ex)
        {
            // Thrown on purpose with a message for the caller, as a refusal is.
            metrics.HubCommand(method, "refused");
            LogRefused(invocationContext.HubMethodName, null, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            metrics.HubCommand(method, "failed");
            LogFailed(invocationContext.HubMethodName, invocationContext.Context.User?.MemberId(), ex);
            throw;
        }
    }

    /// <summary>The one shape, with the seconds to wait before retrying: the call changed nothing and may be repeated.</summary>
    private static HubException Unavailable(CollabException ex) => new(JsonSerializer.Serialize(new
    {
        kind = ex.Kind.ToString(), detail = ex.Message, field = ex.Field, retryAfter = (int)StorageOutage.RetryAfter.TotalSeconds,
    }));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} answered Unavailable: storage unavailable")]
    private partial void LogUnavailable(string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} answered Unavailable: a silo was lost ({ExceptionType})")]
    private partial void LogSiloLost(string method, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub method {Method} refused ({Kind}): {Detail}")]
    private partial void LogRefused(string method, CollabErrorKind? kind, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed for member {Member}")]
    private partial void LogFailed(string method, string? member, Exception exception);
}
