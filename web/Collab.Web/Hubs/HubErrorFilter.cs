using System.Text.Json;
using Collab.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Hubs;

/// <summary>
/// The one error shape of the hub: a domain error becomes a HubException whose message is JSON
/// (<c>{"kind":"Forbidden","detail":"…","field":null}</c>), so clients react to the kind, not to prose.
/// </summary>
public sealed class HubErrorFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CollabException ex)
        {
            throw new HubException(JsonSerializer.Serialize(new { kind = ex.Kind.ToString(), detail = ex.Message, field = ex.Field }));
        }
    }
}
