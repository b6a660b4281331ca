using Collab.Grains.Abstractions.Activity;

namespace Collab.Grains.Activity;

/// <summary>
/// The sliding windows of one circle (or of all circles): per rate, the last 60 seconds one bucket a second (so a
/// rate moves the moment something happens, not at the next whole minute) and the last hour one bucket a minute
/// (rings of 60 each, cleared as time passes them); and the gauges that are running counts (open flags, held posts).
/// Plain C#, no Orleans: the grain only feeds it reports and the clock.
/// </summary>
public sealed class ActivityWindow
{
    public const int Buckets = 60;

    /// <summary>The minutes before the current one whose average a spike is measured against.</summary>
    public const int AverageMinutes = 15;

    /// <summary>
    /// A spike: at least this many comments in the last minute and <see cref="SpikeFactor"/> times the recent
    /// average. The floor keeps a quiet circle's second comment of the hour from counting as a spike.
    /// </summary>
    public const int SpikeFloor = 5;

    public const double SpikeFactor = 3;

    private readonly Ring[] _rates = [new(), new(), new()];
    private long _second;
    private long _minute;

    public ActivityWindow(DateTimeOffset now)
    {
        _second = now.ToUnixTimeSeconds();
        _minute = _second / 60;
    }

    // Running counts, kept signed: one-way reports may arrive out of order (a flag's resolution before its opening),
    // so the count may dip below zero for a moment and must come back exactly; only what is shown is cut at zero.
    private int _openFlags;
    private int _heldPosts;

    public int OpenFlags => Math.Max(0, _openFlags);
    public int HeldPosts => Math.Max(0, _heldPosts);

    /// <summary>The last time a report changed anything (an idle circle's window can be let go).</summary>
    public DateTimeOffset LastReport { get; private set; }

    /// <summary>Applies a report; one stamped in the future (another silo's clock) counts as now.</summary>
    public void Add(ActivityKind kind, int count, DateTimeOffset at, DateTimeOffset now)
    {
        Advance(now);
        LastReport = now;
        if (at > now) at = now;
        switch (kind)
        {
            case ActivityKind.FlagOpened: _openFlags += count; return;
            case ActivityKind.FlagResolved: _openFlags -= count; return;
            case ActivityKind.PostHeld: _heldPosts += count; return;
            case ActivityKind.PostReleased: _heldPosts -= count; return;
        }
        if (RateOf(kind) is not { } ring) return;
        var second = at.ToUnixTimeSeconds();
        if (second > _second - Buckets) ring.Seconds[Slot(second)] += count;
        var minute = second / 60;
        if (minute > _minute - Buckets) ring.Minutes[Slot(minute)] += count;
    }

    /// <summary>Moves the windows on to <paramref name="now"/>, emptying the buckets time has passed.</summary>
    public void Advance(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        for (var s = Math.Max(_second + 1, second - Buckets + 1); s <= second; s++)
            foreach (var ring in _rates) ring.Seconds[Slot(s)] = 0;
        _second = Math.Max(_second, second);
        var minute = second / 60;
        for (var m = Math.Max(_minute + 1, minute - Buckets + 1); m <= minute; m++)
            foreach (var ring in _rates) ring.Minutes[Slot(m)] = 0;
        _minute = Math.Max(_minute, minute);
    }

    public int PerMinute(ActivityKind kind) => RateOf(kind)?.Seconds.Sum() ?? 0;

    public int LastHour(ActivityKind kind) => RateOf(kind)?.Minutes.Sum() ?? 0;

    /// <summary>The last hour, one count a minute, oldest first; the last is the minute in progress.</summary>
    public int[] Series(ActivityKind kind)
    {
        var series = new int[Buckets];
        if (RateOf(kind) is not { } ring) return series;
        for (var i = 0; i < Buckets; i++) series[i] = ring.Minutes[Slot(_minute - Buckets + 1 + i)];
        return series;
    }

    public DateTimeOffset SeriesStart => DateTimeOffset.FromUnixTimeSeconds((_minute - Buckets + 1) * 60);

    /// <summary>Comments per minute over the <see cref="AverageMinutes"/> whole minutes before the current one.</summary>
    public double CommentsRecentAverage
    {
        get
        {
            var minutes = _rates[0].Minutes;
            var sum = 0;
            for (var m = _minute - AverageMinutes; m < _minute; m++) sum += minutes[Slot(m)];
            return sum / (double)AverageMinutes;
        }
    }

    public bool CommentsSpike
    {
        get
        {
            var now = PerMinute(ActivityKind.CommentPosted);
            return now >= SpikeFloor && now >= SpikeFactor * CommentsRecentAverage;
        }
    }

    /// <summary>What is kept across activations: the hour and the gauges (the seconds are a minute's worth at most).</summary>
    public ActivityWindowState Save() => new()
    {
        Minute = _minute,
        Comments = (int[])_rates[0].Minutes.Clone(),
        Edits = (int[])_rates[1].Minutes.Clone(),
        Joins = (int[])_rates[2].Minutes.Clone(),
        OpenFlags = _openFlags,
        HeldPosts = _heldPosts,
    };

    public static ActivityWindow Restore(ActivityWindowState? state, DateTimeOffset now)
    {
        var window = new ActivityWindow(now);
        if (state is null) return window;
        window._minute = Math.Min(state.Minute, window._minute);
        CopyRing(state.Comments, window._rates[0].Minutes);
        CopyRing(state.Edits, window._rates[1].Minutes);
        CopyRing(state.Joins, window._rates[2].Minutes);
        (window._openFlags, window._heldPosts) = (state.OpenFlags, state.HeldPosts);
        window.Advance(now);
        return window;
    }

    private static void CopyRing(int[]? from, int[] to)
    {
        if (from?.Length == Buckets) Array.Copy(from, to, Buckets);
    }

    private Ring? RateOf(ActivityKind kind) => kind switch
    {
        ActivityKind.CommentPosted => _rates[0],
        ActivityKind.DocumentEdited => _rates[1],
        ActivityKind.MemberJoined => _rates[2],
        _ => null,
    };

    private static int Slot(long unit) => (int)(((unit % Buckets) + Buckets) % Buckets);

    private sealed class Ring
    {
        public int[] Seconds { get; } = new int[Buckets];
        public int[] Minutes { get; } = new int[Buckets];
    }
}
