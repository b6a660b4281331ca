using Collab.Bench.Hosting;
using Collab.Bench.Measuring;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Fan-out: one writer, a comment every 100 ms, N listeners over WebSockets; latency from send to each receipt,
/// Collab against the bare hub at the same N in the same run.
/// </summary>
public static class FanOutScenario
{
    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick)
    {
        int[] sizes = quick ? [10, 100] : [10, 100, 1_000];
        var messages = quick ? 10 : 100;
        report.Line($"fan-out: a comment every 100 ms, {messages} comments, listeners {string.Join(", ", sizes)}");
        foreach (var n in sizes)
        {
            // The baseline first, then Collab, each on a fresh crowd.
            await using var bareCrowd = await Crowd.BareAsync(bare, n, $"fanout-{n}");
            var bareMissing = await bareCrowd.WriteAndAwait(messages);
            var b = bareCrowd.Latencies.Summarize();
            await using var collabCrowd = await Crowd.CollabAsync(collab, n, $"fanout-{n}");
            var collabMissing = await collabCrowd.WriteAndAwait(messages);
            var c = collabCrowd.Latencies.Summarize();
            report.Line($"  N={n,5:N0} bare   {b}{Missing(bareMissing)}");
            report.Line($"  N={n,5:N0} Collab {c}{Missing(collabMissing)}");
            report.Figure("fan-out", $"N={n:N0} p50", $"{c.P50:F1} ms", $"{b.P50:F1} ms", c.P50 / b.P50);
            report.Figure("fan-out", $"N={n:N0} p99", $"{c.P99:F1} ms", $"{b.P99:F1} ms", c.P99 / b.P99);
            report.Figure("fan-out", $"N={n:N0} max", $"{c.Max:F1} ms", $"{b.Max:F1} ms", c.Max / b.Max);
            if (collabMissing > 0 || bareMissing > 0) throw new InvalidOperationException($"fan-out at N={n}: receipts missing (Collab {collabMissing}, bare {bareMissing}).");
        }
    }

    private static string Missing(int missing) => missing > 0 ? $"  MISSING {missing}" : "";
}
