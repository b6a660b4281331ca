using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Storage;

/// <summary>
/// Turns a storage outage inside a grain call into <see cref="StorageOutage.Unavailable"/>, which crosses the
/// Orleans wire as a domain error: every entry point then answers it the same way (503, hub <c>Unavailable</c>)
/// without knowing which database the silo uses. The outage itself is an operator's concern, logged at Warning.
/// </summary>
public sealed partial class StorageOutageFilter(ILogger<StorageOutageFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex) && ex is not Grains.Abstractions.Errors.CollabException)
        {
            LogOutage(context.InterfaceName, context.MethodName, ex.GetType().Name, ex.Message);
            throw StorageOutage.Unavailable();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable during {Interface}.{Method}: {ExceptionType}: {Detail}")]
    private partial void LogOutage(string @interface, string method, string exceptionType, string detail);
}
