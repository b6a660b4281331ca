using System.Collections.Concurrent;
using System.Diagnostics;

namespace Collab.Tests.Faults;

/// <summary>
/// What every client of a load sent and what it was told: each post attempt with when it started and ended and how,
/// each acknowledgement with the seq the server gave. Times are measured from the start of the load; they are
/// reported, never asserted against a bound.
/// </summary>
public sealed class LoadLedger
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<string, (string ThreadId, long Seq)> _acknowledged = new();
    private readonly ConcurrentDictionary<string, string> _sent = new();
    private readonly List<(Func<LoadLedger, bool> Condition, TaskCompletionSource Met)> _waiters = [];
    private int _failures;

    public TimeSpan Now => _clock.Elapsed;

    public int SentCount => _sent.Count;

    public int AcknowledgedCount => _acknowledged.Count;

    public int FailureCount => Volatile.Read(ref _failures);

    /// <summary>Acknowledged comments by text: their thread and the seq the acknowledgement named.</summary>
    public IReadOnlyDictionary<string, (string ThreadId, long Seq)> Acknowledged => _acknowledged;

    /// <summary>Every comment text sent, with its thread.</summary>
    public IReadOnlyDictionary<string, string> Sent => _sent;

    public IReadOnlyList<Attempt> Attempts => _attempts.ToList();

    public void RecordSent(string threadId, string text) => _sent[text] = threadId;

    public void RecordAcknowledged(string threadId, string text, long seq, TimeSpan started)
    {
        _acknowledged[text] = (threadId, seq);
        _attempts.Enqueue(new Attempt(threadId, started, Now, null));
        Signal();
    }

    public void RecordFailed(string threadId, TimeSpan started, string failure)
    {
        _attempts.Enqueue(new Attempt(threadId, started, Now, failure));
        Interlocked.Increment(ref _failures);
        Signal();
    }

    /// <summary>Completes once <paramref name="condition"/> holds (checked at every answer), or fails after <paramref name="patience"/>.</summary>
    public Task Until(Func<LoadLedger, bool> condition, TimeSpan patience)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters) _waiters.Add((condition, met));
        Signal();
        return met.Task.WaitAsync(patience);
    }

    private void Signal()
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(this)).ToList())
            {
                waiter.Met.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>One post attempt; <see cref="Failure"/> is null when it was acknowledged.</summary>
    public sealed record Attempt(string ThreadId, TimeSpan Started, TimeSpan Ended, string? Failure);
}
