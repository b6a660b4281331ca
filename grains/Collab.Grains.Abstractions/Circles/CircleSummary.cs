namespace Collab.Grains.Abstractions.Circles;

/// <summary>What the circle list shows; visible to every signed-in member, also for invite-only circles.</summary>
[GenerateSerializer, Alias("collab.circle-summary")]
public sealed record CircleSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] CircleVisibility Visibility,
    [property: Id(4)] int MemberCount);
