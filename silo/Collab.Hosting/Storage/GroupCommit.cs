using System.Runtime.ExceptionServices;

namespace Collab.Hosting.Storage;

/// <summary>
/// Group commit: writes that arrive while a batch is being written wait, and go together into the next batch
/// (one transaction), so the cost of a commit is shared by everything that queued behind it. Each caller awaits its
/// own result: the batch writer answers per item (a conflict in one need not fail the others), and a batch that
/// fails as a whole fails every caller in it with its exception. Nothing is answered before its batch committed.
/// </summary>
/// <remarks>
/// No background task runs while the queue is empty. A write into an idle queue is written at once by its caller,
/// alone, on the caller's own thread: a lone writer (a document taking one operation at a time) pays no thread hop
/// and no wait, exactly as without batching. Writes that arrive meanwhile queue up; when the lone write is done, a
/// drain on the thread pool writes them in batches until it finds the queue empty. So the batches grow exactly when
/// writers pile up, which is when one transaction per write would be the limit.
/// </remarks>
public sealed class GroupCommit<TItem>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<Exception?>>> writeBatch, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly List<(TItem Item, TaskCompletionSource Done)> _pending = [];
    private bool _draining;

    public Task WriteAsync(TItem item)
    {
        lock (_gate)
        {
            if (_draining)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add((item, done));
                return done.Task;
            }
            _draining = true;
        }
        return WriteAloneAsync(item);
    }

    private async Task WriteAloneAsync(TItem item)
    {
        try
        {
            if ((await writeBatch([item]))[0] is { } failure) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            bool queued;
            lock (_gate) queued = _draining = _pending.Count > 0;
            // Off the caller's thread: the caller gets its answer now, not after everyone else's.
            if (queued) _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }
                var take = Math.Min(maxBatch, _pending.Count);
                batch = _pending.GetRange(0, take);
                _pending.RemoveRange(0, take);
            }
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<(TItem Item, TaskCompletionSource Done)> batch)
    {
        IReadOnlyList<Exception?> outcomes;
        try
        {
            outcomes = await writeBatch(batch.ConvertAll(p => p.Item));
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in batch) done.TrySetException(ex);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } failure) batch[i].Done.TrySetException(failure);
            else batch[i].Done.TrySetResult();
        }
    }
}
