namespace Collab.Grains.Abstractions.Activity;

/// <summary>
/// A dashboard's figures at <see cref="At"/>: one circle's (<see cref="Circles"/> empty) or all circles' (one row
/// per circle with anything to show). Rates count the last 60 seconds; the series are the last hour, one number
/// per minute, oldest first, the last one the minute in progress.
/// </summary>
/// <param name="Scope">The dashboard scope it is pushed to: <c>dashboard:{circleId}</c> or <c>dashboard:all</c>.</param>
/// <param name="CommentsRecentAverage">Comments per minute over the 15 whole minutes before this one.</param>
/// <param name="CommentsSpike">Comments in the last minute well above <paramref name="CommentsRecentAverage"/> (the rule is in ActivityWindow).</param>
/// <param name="SeriesStart">The start of the series' first minute.</param>
[GenerateSerializer, Alias("collab.activity-snapshot")]
public sealed record ActivitySnapshot(
    [property: Id(0)] string Scope,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int MembersLive,
    [property: Id(3)] int CommentsPerMinute,
    [property: Id(4)] int EditsPerMinute,
    [property: Id(5)] int NewMembersPerMinute,
    [property: Id(6)] int NewMembersLastHour,
    [property: Id(7)] int OpenFlags,
    [property: Id(8)] int HeldPosts,
    [property: Id(9)] double CommentsRecentAverage,
    [property: Id(10)] bool CommentsSpike,
    [property: Id(11)] DateTimeOffset SeriesStart,
    [property: Id(12)] IReadOnlyList<int> CommentsSeries,
    [property: Id(13)] IReadOnlyList<int> EditsSeries,
    [property: Id(14)] IReadOnlyList<int> NewMembersSeries,
    [property: Id(15)] IReadOnlyList<CircleActivity> Circles);
