namespace Collab.Grains.Abstractions.Circles;

/// <summary>An invitation waiting for the invited member's answer (join or decline), as their own list shows it.</summary>
[GenerateSerializer, Alias("collab.circle-invitation")]
public sealed record CircleInvitation(
    [property: Id(0)] string CircleId,
    [property: Id(1)] string InvitedBy,
    [property: Id(2)] DateTimeOffset At);
