namespace Collab.Grains.Abstractions.Circles;

/// <summary>Owners edit a circle; a null field stays as it is.</summary>
[GenerateSerializer, Alias("collab.update-circle")]
public sealed record UpdateCircle(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] CircleVisibility? Visibility);
