namespace Collab.Grains.Abstractions.Circles;

/// <summary>A project or thread listed by its circle.</summary>
[GenerateSerializer, Alias("collab.circle-child")]
public sealed record CircleChild(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title);
