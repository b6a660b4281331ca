using System.Diagnostics.Metrics;

namespace Collab.Hosting.Telemetry;

/// <summary>
/// Collab's own meter (<see cref="MeterName"/>), exported with the framework's through OpenTelemetry. Instruments are
/// created once per process through <see cref="IMeterFactory"/>, so tests and hosts each get their own.
/// </summary>
public sealed class CollabMetrics
{
    public const string MeterName = "Collab";

    private readonly Counter<long> _hubCommands;
    private readonly Counter<long> _comments;
    private readonly Counter<long> _documentOperations;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Counter<long> _unavailable;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _gapFills;

    public CollabMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _hubCommands = meter.CreateCounter<long>("collab.hub.commands", "{command}", "Hub method invocations, by method and outcome (ok or the error kind).");
        _comments = meter.CreateCounter<long>("collab.comments.posted", "{comment}", "Comments posted, by transport (hub, http).");
        _documentOperations = meter.CreateCounter<long>("collab.document.operations", "{operation}", "Document operations acknowledged through the hub.");
        _rateLimitRefusals = meter.CreateCounter<long>("collab.rate_limit.refusals", "{refusal}", "Calls refused by a rate limit, by transport (hub, http).");
        _unavailable = meter.CreateCounter<long>("collab.storage.unavailable", "{answer}", "Calls answered Unavailable / 503 because storage did not answer, by transport.");
        _connections = meter.CreateUpDownCounter<long>("collab.hub.connections", "{connection}", "Hub connections open on this web node now.");
        _deliveries = meter.CreateCounter<long>("collab.live.deliveries", "{message}", "Live events sent to hub connections (one per connection reached) by this web node's relay.");
        _gapFills = meter.CreateCounter<long>("collab.live.gap_fills", "{event}",
            "Events read back from the log to fill a gap: by the relay when a push was lost (source=relay), or for a client rejoining with its last seq (source=join).");
    }

    public void HubCommand(string method, string outcome) =>
        _hubCommands.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void CommentPosted(string transport) => _comments.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void DocumentOperation() => _documentOperations.Add(1);

    public void RateLimitRefused(string transport) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void Delivered(int connections) => _deliveries.Add(connections);

    public void GapFilled(string source, int events) => _gapFills.Add(events, new KeyValuePair<string, object?>("source", source));

    public void StorageUnavailable(string transport) => _unavailable.Add(1, new KeyValuePair<string, object?>("transport", transport));
}
