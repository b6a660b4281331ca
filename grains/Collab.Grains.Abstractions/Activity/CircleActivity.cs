namespace Collab.Grains.Abstractions.Activity;

/// <summary>One circle's row on the dashboard of all circles: the figures a platform moderator compares.</summary>
[GenerateSerializer, Alias("collab.circle-activity")]
public sealed record CircleActivity(
    [property: Id(0)] string CircleId,
    [property: Id(1)] int MembersLive,
    [property: Id(2)] int CommentsPerMinute,
    [property: Id(3)] double CommentsRecentAverage,
    [property: Id(4)] bool CommentsSpike,
    [property: Id(5)] int EditsPerMinute,
    [property: Id(6)] int NewMembersLastHour,
    [property: Id(7)] int OpenFlags,
    [property: Id(8)] int HeldPosts);
