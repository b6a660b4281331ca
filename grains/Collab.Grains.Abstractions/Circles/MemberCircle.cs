namespace Collab.Grains.Abstractions.Circles;

/// <summary>One circle of a member's own list, with their role there.</summary>
[GenerateSerializer, Alias("collab.member-circle")]
public sealed record MemberCircle(
    [property: Id(0)] string CircleId,
    [property: Id(1)] CircleRole Role);
