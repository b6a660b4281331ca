using Collab.Grains.Abstractions.Errors;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Collab.Hosting;

/// <summary>
/// Tells the loss of a silo (killed, crashed, cut off) from every other failure of a grain call. Until the cluster has
/// declared the silo dead, calls to the grains it held are refused or go unanswered; that passes within seconds, so
/// callers are answered <see cref="CollabErrorKind.Unavailable"/> with retry advice (HTTP 503, the hub's
/// <c>Unavailable</c>) instead of a bare 500. Unlike a storage outage, the call may have been carried out before the
/// silo went: the advice is to repeat it with the same command id, which applies it once.
/// </summary>
public static class ClusterOutage
{
    public const string Message = "A server of the cluster was lost and is being replaced; the request may not have been carried out. " +
                                  "Please retry shortly (a command with the same id is applied once).";

    public static CollabException Unavailable() => CollabException.Unavailable(Message);

    /// <summary>True when <paramref name="exception"/> says a silo or gateway could not be reached or did not answer in time.</summary>
    public static bool IsOutage(Exception exception) => exception is SiloUnavailableException or OrleansMessageRejectionException
        or ConnectionFailedException or GatewayTooBusyException or TimeoutException;
}
