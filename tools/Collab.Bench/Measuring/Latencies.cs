using System.Collections.Concurrent;
using System.Diagnostics;

namespace Collab.Bench.Measuring;

/// <summary>Send-to-receipt latencies of one run (sender and receivers read the machine's monotonic clock).</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _millis = [];

    public int Count => _millis.Count;

    public void Add(long sentTimestamp) => _millis.Add(Stopwatch.GetElapsedTime(sentTimestamp).TotalMilliseconds);

    /// <summary>A latency measured elsewhere (a listener process, on the same clock).</summary>
    public void AddMillis(double millis) => _millis.Add(millis);

    public Summary Summarize()
    {
        var sorted = _millis.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0 ? new Summary(0, double.NaN, double.NaN, double.NaN)
            : new Summary(sorted.Length, At(sorted, 0.50), At(sorted, 0.99), sorted[^1]);
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    public readonly record struct Summary(int Count, double P50, double P99, double Max)
    {
        public override string ToString() => $"p50 {P50,7:F1} ms  p99 {P99,7:F1} ms  max {Max,7:F1} ms  ({Count:N0} receipts)";
    }
}
