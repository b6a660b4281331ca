namespace Collab.Grains.Abstractions.Activity;

/// <param name="Count">How many of <paramref name="Kind"/> happened at <paramref name="At"/> (a batch of document operations, say).</param>
[GenerateSerializer, Alias("collab.activity-report")]
public sealed record ActivityReport(
    [property: Id(0)] string CircleId,
    [property: Id(1)] ActivityKind Kind,
    [property: Id(2)] int Count,
    [property: Id(3)] DateTimeOffset At);
