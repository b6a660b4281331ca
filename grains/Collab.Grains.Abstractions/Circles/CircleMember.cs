namespace Collab.Grains.Abstractions.Circles;

/// <param name="MutedUntil">Set while a moderator has muted the member in this circle: no posting until then.</param>
/// <param name="ApprovedPosts">Held posts of theirs that moderators approved (see <see cref="CirclePolicy.HoldFirstPosts"/>).</param>
[GenerateSerializer, Alias("collab.circle-member")]
public sealed record CircleMember(
    [property: Id(0)] string MemberId,
    [property: Id(1)] CircleRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] DateTimeOffset? MutedUntil = null,
    [property: Id(4)] int ApprovedPosts = 0);
