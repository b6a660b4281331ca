namespace Collab.Grains.Abstractions.Circles;

[GenerateSerializer, Alias("collab.circle-member")]
public sealed record CircleMember(
    [property: Id(0)] string MemberId,
    [property: Id(1)] CircleRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt);
