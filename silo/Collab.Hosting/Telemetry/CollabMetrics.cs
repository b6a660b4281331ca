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

    public CollabMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _hubCommands = meter.CreateCounter<long>("collab.hub.commands", "{command}", "Hub method invocations, by method and outcome (ok or the error kind).");
        _comments = meter.CreateCounter<long>("collab.comments.posted", "{comment}", "Comments posted through the hub.");
        _documentOperations = meter.CreateCounter<long>("collab.document.operations", "{operation}", "Document operations acknowledged through the hub.");
        _rateLimitRefusals = meter.CreateCounter<long>("collab.rate_limit.refusals", "{refusal}", "Calls refused by a rate limit, by transport (hub, http).");
        _unavailable = meter.CreateCounter<long>("collab.storage.unavailable", "{answer}", "Calls answered Unavailable / 503 because storage did not answer, by transport.");
    }

    public void HubCommand(string method, string outcome) =>
        _hubCommands.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void CommentPosted() => _comments.Add(1);

    public void DocumentOperation() => _documentOperations.Add(1);

    public void RateLimitRefused(string transport) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void StorageUnavailable(string transport) => _unavailable.Add(1, new KeyValuePair<string, object?>("transport", transport));
}
