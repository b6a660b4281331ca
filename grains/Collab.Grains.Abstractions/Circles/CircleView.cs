namespace Collab.Grains.Abstractions.Circles;

[GenerateSerializer, Alias("collab.circle-view")]
public sealed record CircleView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] CircleVisibility Visibility,
    [property: Id(4)] IReadOnlyList<CircleMember> Members,
    [property: Id(5)] IReadOnlyList<string> ProjectIds,
    [property: Id(6)] IReadOnlyList<string> ThreadIds,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy);
