using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Collab.Bench.Scenarios;

/// <summary>
/// A measured comment carries its send time in its text ("bench:i:timestamp"), so a listener in any process on
/// this machine can tell its latency: <see cref="Stopwatch"/> reads the system's monotonic clock, the same for
/// every process.
/// </summary>
public static class Receipt
{
    /// <summary>How long the listeners are given to receive every comment sent.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The send time of a measured comment's event (Collab's or the bare hub's), or null for any other.</summary>
    public static long? SentAt(JsonElement e)
    {
        if (e.GetProperty("kind").GetString() != "comment.posted") return null;
        var text = e.GetProperty("payload").GetProperty("text").GetString();
        if (text is null || !text.StartsWith("bench:", StringComparison.Ordinal)) return null;
        var stamp = text.AsSpan(text.LastIndexOf(':') + 1);
        return long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt) ? sentAt : null;
    }

    /// <summary>Sends one unmeasured comment, then <paramref name="messages"/> measured ones, one every 100 ms.</summary>
    public static async Task SendPacedAsync(Func<int, string, Task> send, int messages)
    {
        // The unmeasured one first, so the first measured one does not pay for JIT compilation of the path.
        await send(-1, "warm-up");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var sends = new List<Task>();
        for (var i = 0; i < messages; i++)
        {
            await tick.WaitForNextTickAsync();
            sends.Add(send(i, $"bench:{i}:{Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)}"));
        }
        await Task.WhenAll(sends);
    }
}
