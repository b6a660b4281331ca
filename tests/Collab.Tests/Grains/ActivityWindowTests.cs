using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Activity;

namespace Collab.Tests.Grains;

/// <summary>The sliding windows alone, on a clock the test moves.</summary>
public sealed class ActivityWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Comments_count_for_60_seconds_and_stay_in_the_hour_series_at_their_minute()
    {
        var window = new ActivityWindow(Start);

        window.Add(ActivityKind.CommentPosted, 3, Start, Start);
        window.Add(ActivityKind.CommentPosted, 1, Start.AddSeconds(-5), Start);

        Assert.Equal(4, window.PerMinute(ActivityKind.CommentPosted));
        window.Advance(Start.AddSeconds(59));
        Assert.Equal(3, window.PerMinute(ActivityKind.CommentPosted));
        window.Advance(Start.AddSeconds(60));
        Assert.Equal(0, window.PerMinute(ActivityKind.CommentPosted));
        var series = window.Series(ActivityKind.CommentPosted);
        Assert.Equal(60, series.Length);
        Assert.Equal(4, series[^2]);
        Assert.Equal(0, series[^1]);
        Assert.Equal(Start.AddSeconds(60 - 30).AddMinutes(-59), window.SeriesStart);
    }

    [Fact]
    public void The_hour_forgets_minutes_older_than_60()
    {
        var window = new ActivityWindow(Start);
        window.Add(ActivityKind.MemberJoined, 2, Start, Start);

        window.Advance(Start.AddMinutes(59));
        Assert.Equal(2, window.LastHour(ActivityKind.MemberJoined));
        window.Advance(Start.AddMinutes(60));
        Assert.Equal(0, window.LastHour(ActivityKind.MemberJoined));
        Assert.All(window.Series(ActivityKind.MemberJoined), c => Assert.Equal(0, c));
    }

    [Fact]
    public void Open_flags_and_held_posts_are_running_counts_shown_never_below_zero_and_exact_in_any_order()
    {
        var window = new ActivityWindow(Start);

        // One-way reports may overtake each other: a resolution can arrive before the flag it resolves.
        window.Add(ActivityKind.FlagResolved, 1, Start, Start);
        window.Add(ActivityKind.PostReleased, 1, Start, Start);
        Assert.Equal((0, 0), (window.OpenFlags, window.HeldPosts));
        window.Add(ActivityKind.FlagOpened, 2, Start, Start);
        window.Add(ActivityKind.PostHeld, 3, Start, Start);

        Assert.Equal((1, 2), (window.OpenFlags, window.HeldPosts));
        var restored = ActivityWindow.Restore(window.Save(), Start.AddHours(5));
        Assert.Equal((1, 2), (restored.OpenFlags, restored.HeldPosts));
    }

    [Fact]
    public void A_jump_well_above_the_recent_average_is_a_spike_and_steady_traffic_is_not()
    {
        var window = new ActivityWindow(Start);
        for (var minute = 0; minute < ActivityWindow.AverageMinutes; minute++)
        {
            var at = Start.AddMinutes(minute);
            window.Add(ActivityKind.CommentPosted, 4, at, at);
        }
        var now = Start.AddMinutes(ActivityWindow.AverageMinutes);
        window.Add(ActivityKind.CommentPosted, 4, now, now);
        Assert.Equal(4, window.CommentsRecentAverage);
        Assert.False(window.CommentsSpike);

        window.Add(ActivityKind.CommentPosted, 8, now, now);

        Assert.True(window.CommentsSpike);
    }

    [Fact]
    public void The_saved_hour_comes_back_with_the_minutes_passed_since_emptied()
    {
        var window = new ActivityWindow(Start);
        window.Add(ActivityKind.DocumentEdited, 7, Start, Start);
        window.Add(ActivityKind.DocumentEdited, 5, Start.AddMinutes(10), Start.AddMinutes(10));

        var restored = ActivityWindow.Restore(window.Save(), Start.AddMinutes(55));

        Assert.Equal(12, restored.LastHour(ActivityKind.DocumentEdited));
        Assert.Equal(5, ActivityWindow.Restore(window.Save(), Start.AddMinutes(65)).LastHour(ActivityKind.DocumentEdited));
    }
}
