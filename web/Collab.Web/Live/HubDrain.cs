using Collab.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// A web node that is stopped gracefully hands its hub connections over instead of dropping them: it turns unready
/// (its readiness answers 503, so a load balancer stops sending to it) and refuses new hub connections with 503, waits
/// <see cref="CollabDrainOptions.Delay"/>, then sends every connection <see cref="ICollabClient.Draining"/>, upon which
/// clients reconnect (through the balancer, to another node) and rejoin their scopes from their last seqs, so nothing
/// is lost or repeated. It waits until they have gone, at most <see cref="CollabDrainOptions.Timeout"/>.
/// This runs on <see cref="IHostApplicationLifetime.ApplicationStopping"/>, whichever way the stop came (SIGTERM or a
/// host's StopAsync), and is registered after SignalR's own callback there (which closes every connection at once):
/// those callbacks run last registered first, so the clients are told before SignalR closes what remains.
/// </summary>
public sealed partial class HubDrain(
    LiveConnections connections,
    IHubContext<CollabHub, ICollabClient> hub,
    IHostApplicationLifetime lifetime,
    IOptions<CollabDrainOptions> options,
    TimeProvider time,
    ILogger<HubDrain> logger) : IHostedService
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A callback of the token must not return before the drain is over: Kestrel and the silo stop after it.
        lifetime.ApplicationStopping.Register(() => DrainAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DrainAsync()
    {
        _draining = true;
        var open = connections.Count;
        LogDraining(open);
        if (open == 0) return;
        if (options.Value.Delay > TimeSpan.Zero) await Task.Delay(options.Value.Delay, time);
        var gone = connections.WhenEmpty();
        try
        {
            await hub.Clients.All.Draining();
        }
        catch (Exception ex)
        {
            LogTellFailed(ex);
        }
        if (await Task.WhenAny(gone, Task.Delay(options.Value.Timeout, time)) != gone) LogTimedOut(connections.Count, options.Value.Timeout);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: unready, refusing new hub connections, telling {Connections} connections to reconnect elsewhere")]
    private partial void LogDraining(int connections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling hub connections to reconnect elsewhere failed; SignalR closes them, and clients reconnect when they notice")]
    private partial void LogTellFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connections} hub connections had not left after {Timeout}; SignalR closes them")]
    private partial void LogTimedOut(int connections, TimeSpan timeout);
}
