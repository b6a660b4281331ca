using Collab.Bench.Hosting;
using Collab.Bench.Measuring;

namespace Collab.Bench.Scenarios;

/// <summary>
/// A festival thread: N members join one thread, then one writer posts. Join rate, memory per connection,
/// presence messages received, fan-out latency; the bare hub with N connections in one group is the baseline.
/// The members' connections live in child processes (<see cref="ProcessCrowd"/>), so the memory per connection
/// is what the server (this process) holds for each.
/// </summary>
public static class FestivalScenario
{
    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick, int? members)
    {
        var n = members ?? (quick ? 200 : 10_000);
        const int messages = 10;
        report.Line($"festival: {n:N0} members join one thread, then {messages} comments at 100 ms");

        // The baseline first, closed before Collab's crowd opens, so each is measured alone.
        var bareCrowd = await ProcessCrowd.BareAsync(bare, n, "festival");
        var bareHeld = Memory.Now();
        var bareJoinSeconds = bareCrowd.JoinSeconds;
        var bareMissing = await bareCrowd.WriteAndAwait(messages);
        var b = bareCrowd.Latencies.Summarize();
        await bareCrowd.DisposeAsync();
        var bareMemory = bareHeld.PerItem(Memory.Now(), n);
        var collabBefore = Memory.Now();
        await using var crowd = await ProcessCrowd.CollabAsync(collab, n, "festival");
        // Presence pushes are coalesced (about one a second per scope): the last ones land after the joins.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await crowd.Tally();
        var collabMemory = Memory.Now().PerItem(collabBefore, n);
        var presence = crowd.PresenceMessages;
        var missing = await crowd.WriteAndAwait(messages);
        var c = crowd.Latencies.Summarize();
        var unsummarized = (long)n * (n + 1) / 2;
        report.Line($"  Collab: set-up (sign-in, circle join, connect, thread join) {crowd.SetupSeconds:F1} s; hub joins {n / crowd.JoinSeconds:N0}/s");
        report.Line($"  Collab: presence messages received during the joins {presence:N0} (one full list to everyone on every join would be {unsummarized:N0})");
        report.Line($"  Collab: connections closed by the server {crowd.Dropped:N0}; server process working set {Memory.Now().WorkingSetBytes / 1048576.0:N0} MiB");
        report.Line($"  bare   {b}");
        report.Line($"  Collab {c}");
        report.Figure("festival", $"N={n:N0} joins/s (hub Join vs JoinGroup)", $"{n / crowd.JoinSeconds:N0}/s", $"{n / bareJoinSeconds:N0}/s", bareJoinSeconds / crowd.JoinSeconds);
        report.Figure("festival", $"N={n:N0} presence messages", $"{presence:N0}", $"{unsummarized:N0} (a full list per join)", (double)presence / unsummarized);
        report.Figure("festival", $"N={n:N0} managed KiB per connection (server)", $"{collabMemory.ManagedKiB:F1}", $"{bareMemory.ManagedKiB:F1}", collabMemory.ManagedKiB / bareMemory.ManagedKiB);
        report.Figure("festival", $"N={n:N0} fan-out p99", $"{c.P99:F1} ms", $"{b.P99:F1} ms", c.P99 / b.P99);
        if (missing > 0 || bareMissing > 0) throw new InvalidOperationException($"festival: receipts missing (Collab {missing}, bare {bareMissing}).");
    }
}
