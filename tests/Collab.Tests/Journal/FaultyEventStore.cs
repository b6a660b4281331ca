using System.Collections.Concurrent;
using Collab.Grains.Storage;

namespace Collab.Tests.Journal;

/// <summary>
/// The real SQLite event store with faults switched on by a test: an append that fails before writing, an append
/// that writes and then fails (a lost reply), snapshot writes that fail, or a batch append held in flight.
/// Everything else passes through.
/// </summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    // By the key its cluster was given: test classes with clusters of their own run at the same time.
    private static readonly ConcurrentDictionary<string, FaultyEventStore> Installed = new();

    private TaskCompletionSource? _holdNextBatch;
    private Task _release = Task.CompletedTask;

    public enum AppendFault { None, BeforeWrite, AfterWrite }

    public volatile AppendFault NextAppend = AppendFault.None;
    public volatile bool FailSnapshots;

    public static FaultyEventStore Install(string key, IEventStore inner) => Installed[key] = new FaultyEventStore(inner);

    public static FaultyEventStore Of(string key) => Installed[key];

    /// <summary>
    /// Holds the next batch append, after it has read its fault, until <paramref name="release"/> completes; the
    /// returned task completes when that batch has arrived (so the test knows a batch is in flight).
    /// </summary>
    public Task HoldNextBatch(Task release)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = release;
        _holdNextBatch = arrived;
        return arrived.Task;
    }

    public async Task AppendAsync(StoredEvent evt, StoredComment? comment, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        var fault = NextAppend;
        NextAppend = AppendFault.None;
        if (fault == AppendFault.BeforeWrite) throw new IOException("Injected: the database refused the append.");
        await inner.AppendAsync(evt, comment, rows, cancellationToken);
        if (fault == AppendFault.AfterWrite) throw new IOException("Injected: the append committed but its reply was lost.");
    }

    public async Task AppendBatchAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        var fault = NextAppend;
        NextAppend = AppendFault.None;
        if (Interlocked.Exchange(ref _holdNextBatch, null) is { } arrived)
        {
            arrived.TrySetResult();
            await _release;
        }
        if (fault == AppendFault.BeforeWrite) throw new IOException("Injected: the database refused the batch.");
        await inner.AppendBatchAsync(events, cancellationToken);
        if (fault == AppendFault.AfterWrite) throw new IOException("Injected: the batch committed but its reply was lost.");
    }

    public Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default) =>
        FailSnapshots ? throw new IOException("Injected: the snapshot write failed.") : inner.SaveSnapshotAsync(scope, seq, payload, cancellationToken);

    public Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default) => inner.GetLastSeqAsync(scope, cancellationToken);
    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default) => inner.ReadEventsAsync(scope, afterSeq, limit, cancellationToken);
    public Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default) => inner.FindByCommandIdAsync(scope, commandId, cancellationToken);
    public Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default) => inner.GetCommentAsync(threadId, commentId, cancellationToken);
    public Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default) => inner.ReadCommentsAsync(threadId, afterCommentId, limit, cancellationToken);
    public Task<IReadOnlyList<StoredComment>> ReadCommentsBeforeAsync(string threadId, long beforeCommentId, int limit, CancellationToken cancellationToken = default) => inner.ReadCommentsBeforeAsync(threadId, beforeCommentId, limit, cancellationToken);
    public Task<StoredRow?> GetRowAsync(string scope, string collection, string key, CancellationToken cancellationToken = default) => inner.GetRowAsync(scope, collection, key, cancellationToken);
    public Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string scope, string collection, RowCursor? after, int limit, bool newestFirst = false, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(scope, collection, after, limit, newestFirst, cancellationToken);
    public Task<int> CountRowsAsync(string scope, string collection, long afterPosition, int cap, CancellationToken cancellationToken = default) => inner.CountRowsAsync(scope, collection, afterPosition, cap, cancellationToken);
    public Task RewriteAsync(string scope, IReadOnlyList<PayloadRewrite> events, IReadOnlyList<PayloadRewrite> snapshots, StoredEvent? append = null, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default) => inner.RewriteAsync(scope, events, snapshots, append, rows, cancellationToken);
    public Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default) => inner.LatestSnapshotAsync(scope, atOrBeforeSeq, cancellationToken);
}
