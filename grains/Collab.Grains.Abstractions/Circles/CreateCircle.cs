namespace Collab.Grains.Abstractions.Circles;

[GenerateSerializer, Alias("collab.create-circle")]
public sealed record CreateCircle(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] CircleVisibility Visibility);
