namespace Collab.Grains;

public static class CollabClock
{
    /// <summary>
    /// Now, cut to whole microseconds: PostgreSQL keeps no finer time, so what a grain returns equals what
    /// any store reads back later.
    /// </summary>
    public static DateTimeOffset UtcNowMicros(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
