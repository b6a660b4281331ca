using Xunit.Abstractions;

namespace Collab.Tests.Faults;

/// <summary>
/// A load's end, compared with what PostgreSQL stored: the figures a failure test prints, and the lists of what went
/// wrong (empty when nothing did), so an assertion names the comments and clients concerned.
/// </summary>
public sealed record LoadOutcome(
    int Sent,
    int Acknowledged,
    int Stored,
    long Delivered,
    long DeliveriesExpected,
    int Failures,
    IReadOnlyDictionary<string, int> FailureKinds,
    int Reconnections,
    TimeSpan? Recovery,
    TimeSpan LongestSilence,
    string FailureTimeline,
    IReadOnlyList<string> Gaps,
    IReadOnlyList<string> StoredTwice,
    IReadOnlyList<string> AcknowledgedNotStored,
    IReadOnlyList<string> StoredNotSent,
    IReadOnlyList<string> NotDelivered)
{
    /// <summary>How long a client may take, after the load, to have applied its thread's last event.</summary>
    private static readonly TimeSpan CatchUpPatience = TimeSpan.FromSeconds(90);

    /// <summary>Waits until every client has applied its thread's stored log (or the patience ran out), then compares.</summary>
    public static async Task<LoadOutcome> MeasureAsync(CommentLoad load, string connectionString, TimeSpan faultAt)
    {
        var stored = await StoredThreads.ReadAsync(connectionString, load.ThreadIds);
        var ledger = load.Ledger;
        await Task.WhenAll(load.Clients.Select(async c =>
        {
            try
            {
                await c.Reached(stored[c.ThreadId][^1].Seq, CatchUpPatience);
            }
            catch (TimeoutException)
            {
                // Reported below as what the client did not receive.
            }
        }));

        var gaps = stored.Where(t => !t.Value.Select(e => e.Seq).SequenceEqual(Enumerable.Range(1, t.Value.Count).Select(i => (long)i)))
            .Select(t => $"thread {t.Key}: seqs {string.Join(",", t.Value.Select(e => e.Seq))}").ToList();
        var comments = stored.SelectMany(t => t.Value.Where(e => e.Seq > 1).Select(e => (Thread: t.Key, e.Seq, e.Text))).ToList();
        var storedTwice = comments.GroupBy(c => c.Text).Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}' at seqs {string.Join(",", g.Select(c => c.Seq))}").ToList();
        var storedAt = comments.GroupBy(c => c.Text).ToDictionary(g => g.Key, g => (g.First().Thread, g.First().Seq));
        var acknowledgedNotStored = ledger.Acknowledged
            .Where(a => !storedAt.TryGetValue(a.Key, out var at) || at != (a.Value.ThreadId, a.Value.Seq))
            .Select(a => $"'{a.Key}' acknowledged at seq {a.Value.Seq} of {a.Value.ThreadId}").ToList();
        var storedNotSent = comments.Where(c => !ledger.Sent.ContainsKey(c.Text)).Select(c => $"'{c.Text}' in {c.Thread}").ToList();

        var notDelivered = new List<string>();
        long delivered = 0, expected = 0;
        foreach (var client in load.Clients)
        {
            var applied = client.Applied;
            var owed = stored[client.ThreadId].Where(e => e.Seq > client.JoinedAtSeq).ToList();
            expected += owed.Count;
            delivered += owed.Count(e => applied.TryGetValue(e.Seq, out var text) && text == e.Text);
            var missing = owed.Where(e => !applied.TryGetValue(e.Seq, out var text) || text != e.Text).Select(e => e.Seq).ToList();
            if (missing.Count > 0 || client.Duplicates > 0 || client.Resets > 0 || applied.Keys.Any(s => s > stored[client.ThreadId][^1].Seq))
                notDelivered.Add($"client {client.Index} (thread {client.ThreadId}, node {client.FirstNode}, {client.Reconnections} reconnections): " +
                                 $"missing seqs [{string.Join(",", missing.Take(20))}], {client.Duplicates} duplicates, {client.Resets} resets");
        }

        var attempts = ledger.Attempts;
        var failures = attempts.Where(a => a.Failure is not null).ToList();
        return new LoadOutcome(ledger.SentCount, ledger.AcknowledgedCount, comments.Count, delivered, expected, failures.Count,
            failures.GroupBy(f => f.Failure!).ToDictionary(g => g.Key, g => g.Count()),
            load.Clients.Sum(c => c.Reconnections), RecoveryAfter(attempts, faultAt), LongestSilenceAfter(attempts, faultAt), TimelineOf(failures, faultAt),
            gaps, storedTwice, acknowledgedNotStored, storedNotSent, notDelivered);
    }

    /// <summary>
    /// From the fault to the first acknowledgement of a post that was sent after the last failed attempt had started:
    /// the moment errors stopped and service was back. Null when nothing was acknowledged after the last failure.
    /// </summary>
    private static TimeSpan? RecoveryAfter(IReadOnlyList<LoadLedger.Attempt> attempts, TimeSpan faultAt)
    {
        var lastFailure = attempts.Where(a => a.Failure is not null && a.Ended >= faultAt).Select(a => a.Started).DefaultIfEmpty(faultAt).Max();
        var back = attempts.Where(a => a.Failure is null && a.Started > lastFailure && a.Ended >= faultAt).Select(a => a.Ended).DefaultIfEmpty().Min();
        return back == default ? null : back - faultAt;
    }

    /// <summary>When failed attempts started, by kind, in seconds after the fault: where the recovery time went.</summary>
    private static string TimelineOf(IReadOnlyList<LoadLedger.Attempt> failures, TimeSpan faultAt) => string.Join("; ", failures
        .GroupBy(f => f.Failure!)
        .Select(g => $"{g.Key} started from {(g.Min(f => f.Started) - faultAt).TotalSeconds:F1} s to {(g.Max(f => f.Started) - faultAt).TotalSeconds:F1} s"));

    /// <summary>The longest time after the fault during which no post at all was acknowledged.</summary>
    private static TimeSpan LongestSilenceAfter(IReadOnlyList<LoadLedger.Attempt> attempts, TimeSpan faultAt)
    {
        var acks = attempts.Where(a => a.Failure is null && a.Ended >= faultAt).Select(a => a.Ended).Order().Prepend(faultAt).ToList();
        return acks.Zip(acks.Skip(1), (a, b) => b - a).DefaultIfEmpty().Max();
    }

    public void Print(ITestOutputHelper output, string fault)
    {
        output.WriteLine($"{fault}: {CommentLoad.ClientCount} clients, {CommentLoad.ThreadCount} threads");
        output.WriteLine($"  sent {Sent}, acknowledged {Acknowledged}, stored {Stored}, delivered {Delivered} of {DeliveriesExpected} owed to clients");
        output.WriteLine($"  recovery {(Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "none")} after the fault (to the first acknowledgement after the last failure); " +
                         $"longest time without an acknowledgement {LongestSilence.TotalSeconds:F1} s");
        output.WriteLine($"  failed attempts {Failures} ({string.Join(", ", FailureKinds.Select(k => $"{k.Key}: {k.Value}"))}), client reconnections {Reconnections}");
        if (Failures > 0) output.WriteLine($"  {FailureTimeline}");
        foreach (var (what, list) in new[] { ("gaps", Gaps), ("stored twice", StoredTwice), ("acknowledged, not stored", AcknowledgedNotStored),
                     ("stored, never sent", StoredNotSent), ("not delivered", NotDelivered) })
            if (list.Count > 0) output.WriteLine($"  {what} ({list.Count}): {string.Join("; ", list.Take(10))}");
    }
}
