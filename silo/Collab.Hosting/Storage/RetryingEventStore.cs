using Collab.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Storage;

/// <summary>
/// Retries an event store operation once when storage was unreachable, after <paramref name="onOutage"/> (which
/// drops the pooled connections: after a database restart every idle one is dead, and the next write must not
/// fail on one of them). Every operation is safe to repeat: reads and snapshot upserts trivially, and an append
/// because the log's unique (scope, seq) key refuses a second copy. When the first attempt did commit and only its
/// answer was lost, the retry is refused by that key; the event then found at that seq is ours and the append
/// succeeded.
/// </summary>
public sealed partial class RetryingEventStore(IEventStore inner, Action onOutage, ILogger<RetryingEventStore> logger) : IEventStore
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);

    public async Task AppendAsync(StoredEvent evt, StoredComment? comment, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.AppendAsync(evt, comment, rows, cancellationToken);
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
        {
            await PrepareRetryAsync(nameof(AppendAsync), ex, cancellationToken);
            try
            {
                await inner.AppendAsync(evt, comment, rows, cancellationToken);
            }
            catch (EventSeqConflictException)
            {
                // Unless the first attempt committed before the connection died, someone else wrote this seq.
                if (!await AreStoredAsync([evt], cancellationToken)) throw;
            }
        }
    }

    /// <summary>
    /// Retried as a single append is: the batch is one transaction, so after a lost answer either all of it is stored
    /// (the retry is refused by the first seq, and finding every event of ours there means it succeeded) or none.
    /// </summary>
    public async Task AppendBatchAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.AppendBatchAsync(events, cancellationToken);
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
        {
            await PrepareRetryAsync(nameof(AppendBatchAsync), ex, cancellationToken);
            try
            {
                await inner.AppendBatchAsync(events, cancellationToken);
            }
            catch (EventSeqConflictException)
            {
                if (!await AreStoredAsync(events, cancellationToken)) throw;
            }
        }
    }

    /// <summary>Not retried: a redaction is a moderator's one deliberate act, and a clear failure lets them repeat it knowingly.</summary>
    public Task RewriteAsync(string scope, IReadOnlyList<PayloadRewrite> events, IReadOnlyList<PayloadRewrite> snapshots,
        StoredEvent? append = null, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default) =>
        inner.RewriteAsync(scope, events, snapshots, append, rows, cancellationToken);

    public Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default) =>
        Retried(nameof(GetLastSeqAsync), () => inner.GetLastSeqAsync(scope, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        Retried(nameof(ReadEventsAsync), () => inner.ReadEventsAsync(scope, afterSeq, limit, cancellationToken), cancellationToken);

    public Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default) =>
        Retried(nameof(FindByCommandIdAsync), () => inner.FindByCommandIdAsync(scope, commandId, cancellationToken), cancellationToken);

    public Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default) =>
        Retried(nameof(GetCommentAsync), () => inner.GetCommentAsync(threadId, commentId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default) =>
        Retried(nameof(ReadCommentsAsync), () => inner.ReadCommentsAsync(threadId, afterCommentId, limit, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredComment>> ReadCommentsBeforeAsync(string threadId, long beforeCommentId, int limit, CancellationToken cancellationToken = default) =>
        Retried(nameof(ReadCommentsBeforeAsync), () => inner.ReadCommentsBeforeAsync(threadId, beforeCommentId, limit, cancellationToken), cancellationToken);

    public Task<StoredRow?> GetRowAsync(string scope, string collection, string key, CancellationToken cancellationToken = default) =>
        Retried(nameof(GetRowAsync), () => inner.GetRowAsync(scope, collection, key, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string scope, string collection, RowCursor? after, int limit, bool newestFirst = false, CancellationToken cancellationToken = default) =>
        Retried(nameof(ReadRowsAsync), () => inner.ReadRowsAsync(scope, collection, after, limit, newestFirst, cancellationToken), cancellationToken);

    public Task<int> CountRowsAsync(string scope, string collection, long afterPosition, int cap, CancellationToken cancellationToken = default) =>
        Retried(nameof(CountRowsAsync), () => inner.CountRowsAsync(scope, collection, afterPosition, cap, cancellationToken), cancellationToken);

    public Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default) =>
        Retried(nameof(SaveSnapshotAsync), async () => { await inner.SaveSnapshotAsync(scope, seq, payload, cancellationToken); return true; }, cancellationToken);

    public Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default) =>
        Retried(nameof(LatestSnapshotAsync), () => inner.LatestSnapshotAsync(scope, atOrBeforeSeq, cancellationToken), cancellationToken);

    private async Task<T> Retried<T>(string operation, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await attempt();
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
        {
            await PrepareRetryAsync(operation, ex, cancellationToken);
            return await attempt();
        }
    }

    private async Task PrepareRetryAsync(string operation, Exception ex, CancellationToken cancellationToken)
    {
        LogRetry(operation, ex.GetType().Name, ex.Message);
        onOutage();
        await Task.Delay(Backoff, cancellationToken);
    }

    private async Task<bool> AreStoredAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var stored = await inner.ReadEventsAsync(events[0].Scope, events[0].Seq - 1, events.Count, cancellationToken);
        return stored.Count == events.Count && stored.Zip(events).All(pair => IsSame(pair.First, pair.Second));
    }

    private static bool IsSame(StoredEvent stored, StoredEvent evt) =>
        stored.Seq == evt.Seq && stored.Kind == evt.Kind && stored.Payload == evt.Payload
        && stored.ActorId == evt.ActorId && stored.CommandId == evt.CommandId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store {Operation} failed as storage was unreachable ({ExceptionType}: {Detail}); retrying once on fresh connections")]
    private partial void LogRetry(string operation, string exceptionType, string detail);
}
