namespace Collab.Grains.Abstractions.Threads;

[GenerateSerializer, Alias("collab.create-thread")]
public sealed record CreateThread(
    [property: Id(0)] string CircleId,
    [property: Id(1)] string? ProjectId,
    [property: Id(2)] string Title);
