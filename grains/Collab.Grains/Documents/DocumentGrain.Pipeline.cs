using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Documents.Ot;
using Collab.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Collab.Grains.Documents;

/// <summary>
/// Pipelined commits: the operations of one document are checked as they arrive, queued, and committed in batches,
/// one transaction per batch, each operation acknowledged only after its batch is stored. One commit loop runs at a
/// time; what arrives while it writes waits for its next batch, so the batches grow exactly when operations pile up
/// (group commit) and a lone editor still pays one append per operation.
/// </summary>
/// <remarks>
/// The loop holds <see cref="_writeGate"/> for each batch, from the transforms to the last acknowledgement; the other
/// writers of the document (redaction, flags that read the text's positions) take the same gate, so no history is
/// rewritten under a batch in flight and no batch is transformed over a text that is being replaced.
/// </remarks>
public sealed partial class DocumentGrain
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<QueuedOperation> _queue = [];
    // Queued or in flight, by client operation id: a repeat that arrives meanwhile awaits the first one's outcome
    // (the log's unique command id would otherwise refuse it together with the whole batch it landed in).
    private readonly Dictionary<string, QueuedOperation> _pending = new(StringComparer.Ordinal);
    private bool _committing;
    // A batch failed without saying whether it was stored: the next one reads the log's end before it decides.
    private bool _unsure;
    // Another activation wrote this log (a silo failure can briefly leave two): this one only refuses until it is gone.
    private bool _superseded;
    // Authors a batch's rights check confirmed as editors and none refused since (see Submit); bounded, as a member
    // missing from it is only asked once more.
    private readonly HashSet<string> _confirmedEditors = new(StringComparer.Ordinal);
    private const int MaxConfirmedEditors = 10_000;

    /// <summary>Runs <paramref name="work"/> holding the commit loop's gate: no batch is transformed or written meanwhile.</summary>
    private async Task<T> WithWriteGate<T>(Func<Task<T>> work)
    {
        await _writeGate.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Queues a checked operation for the next commit and awaits its acknowledgement.</summary>
    private Task<DocumentAck> Enqueue(QueuedOperation operation)
    {
        if (_pending.TryGetValue(operation.ClientOpId, out var first))
            return first.ActorId == operation.ActorId
                ? first.Outcome.Task
                : throw CollabException.Conflict("This command id was already used by someone else.");
        if (_queue.Count >= Options.MaxQueuedOperations)
            throw CollabException.LimitExceeded("The document is receiving more edits than it can store right now; please retry shortly.");
        _pending.Add(operation.ClientOpId, operation);
        _queue.Add(operation);
        if (!_committing)
        {
            _committing = true;
            _ = CommitQueuedAsync();
        }
        return operation.Outcome.Task;
    }

    /// <summary>The commit loop: batch after batch until the queue is empty. It never throws: every failure has a waiter.</summary>
    private async Task CommitQueuedAsync()
    {
        while (_queue.Count > 0)
        {
            await _writeGate.WaitAsync();
            // Taken once the gate is held: what arrived while a redaction held it joins this batch.
            var batch = _queue.GetRange(0, Math.Min(_queue.Count, Options.MaxBatchOperations));
            _queue.RemoveRange(0, batch.Count);
            try
            {
                await CommitBatchAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var operation in batch) Settle(operation, ex);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        _committing = false;
    }

    /// <summary>
    /// Transforms each operation over what was applied after its base and over the batch's earlier operations, checks
    /// it against the text it then applies to (an invalid one fails alone), appends the rest in one transaction and
    /// only then applies and acknowledges them in order.
    /// </summary>
    private async Task CommitBatchAsync(List<QueuedOperation> batch)
    {
        if (_superseded)
        {
            foreach (var operation in batch) Settle(operation, Superseded());
            return;
        }
        if (_unsure)
        {
            if (await events.GetLastSeqAsync(Scope) != Revision) await LoadAsync(CancellationToken.None);
            _unsure = false;
        }

        batch = await WithEditRights(batch);
        if (batch.Count == 0) return;
        var oldestBase = batch.Min(o => o.BaseRevision);
        var applied = await OpsAfter(oldestBase);
        var accepted = new List<(QueuedOperation Queued, TextOperation Op)>(batch.Count);
        var length = _text.Length;
        foreach (var queued in batch)
        {
            var op = queued.Op;
            try
            {
                // The later arrival goes Left; clients transform what they receive as Right over their own pending edits.
                for (var i = (int)(queued.BaseRevision - oldestBase); i < applied.Count; i++) op = TextOperation.Transform(op, applied[i].Op, Side.Left);
                foreach (var (_, earlier) in accepted) op = TextOperation.Transform(op, earlier, Side.Left);
                op.Validate(length, queued.MaxInsert);
            }
            catch (OtException ex)
            {
                Settle(queued, CollabException.Invalid("op", ex.Message));
                continue;
            }
            length += op.InsertedCodePoints - op.DeletedCodePoints;
            accepted.Add((queued, op));
        }
        if (accepted.Count == 0) return;

        var first = Revision + 1;
        var at = time.UtcNowMicros();
        var stored = accepted.Select((a, i) => new StoredEvent(Scope, first + i, DocumentEventKinds.Operation,
            new DocumentOpPayload(a.Op, a.Queued.ClientOpId, first + i, a.Queued.ActorId).ToJson(), a.Queued.ActorId, a.Queued.ClientOpId, at)).ToList();
        try
        {
            await _log.AppendBatchAsync(stored);
        }
        catch (EventSeqConflictException)
        {
            await ResolveConflictAsync(accepted.ConvertAll(a => a.Queued));
            return;
        }
        catch (Exception ex)
        {
            // A timeout may hide a commit: nothing is applied, and the next batch first finds out from the log.
            _unsure = true;
            foreach (var (queued, _) in accepted) Settle(queued, ex);
            return;
        }

        // Stored: now, in one turn, the text, authors, window and revision move, and every waiter gets its ack.
        foreach (var (queued, op) in accepted)
        {
            ApplyLocally(op, queued.ActorId);
            Settle(queued, new DocumentAck(Id, Revision, op.ToJson(), queued.ClientOpId));
        }
        ReportActivity(ActivityKind.DocumentEdited, accepted.Count);
        if (Revision / Options.SnapshotEvery > (first - 1) / Options.SnapshotEvery) await SaveSnapshot();
    }

    /// <summary>
    /// The batch's operations whose authors may still edit, asked of the circle once per author and right before the
    /// write: a member removed or demoted while their edits queued is refused here, with the error Submit would give.
    /// One question per author per batch instead of one per operation is what lets a busy document keep up.
    /// </summary>
    private async Task<List<QueuedOperation>> WithEditRights(List<QueuedOperation> batch)
    {
        var authors = batch.Select(o => o.ActorId).Distinct(StringComparer.Ordinal).ToList();
        var refusals = await Task.WhenAll(authors.Select(async actorId =>
        {
            try
            {
                await EnsureCanEdit(actorId);
                return null;
            }
            catch (CollabException ex)
            {
                return ex;
            }
        }));
        var refused = new Dictionary<string, CollabException>(StringComparer.Ordinal);
        for (var i = 0; i < authors.Count; i++)
            if (refusals[i] is { } refusal) refused[authors[i]] = refusal;
        if (_confirmedEditors.Count > MaxConfirmedEditors) _confirmedEditors.Clear();
        foreach (var author in authors)
            if (refused.ContainsKey(author)) _confirmedEditors.Remove(author);
            else _confirmedEditors.Add(author);
        if (refused.Count == 0) return batch;
        foreach (var operation in batch)
            if (refused.TryGetValue(operation.ActorId, out var refusal)) Settle(operation, refusal);
        return batch.Where(o => !refused.ContainsKey(o.ActorId)).ToList();
    }

    /// <summary>
    /// The log refused the batch: a seq or a command id was taken. Operations already stored (a client's retry of an
    /// acknowledged one) get their first acknowledgement; when there were any, the others go back to the front of the
    /// queue for the next batch. When none was, another activation wrote this log: this one's text is stale, so it
    /// refuses everything and steps aside, and the next call rebuilds the document from storage.
    /// </summary>
    private async Task ResolveConflictAsync(List<QueuedOperation> refused)
    {
        var again = new List<QueuedOperation>(refused.Count);
        foreach (var queued in refused)
        {
            try
            {
                if (await _log.FindCommandAsync(queued.ClientOpId, queued.ActorId, DocumentEventKinds.Operation) is { } earlier)
                    Settle(queued, new DocumentAck(Id, earlier.Seq, DocumentOpPayload.Parse(earlier.Payload).Op.ToJson(), queued.ClientOpId));
                else
                    again.Add(queued);
            }
            catch (CollabException ex)
            {
                Settle(queued, ex); // the id was used by someone else, or for another command
            }
        }
        if (again.Count < refused.Count)
        {
            _queue.InsertRange(0, again);
            return;
        }
        _superseded = true;
        LogSuperseded(Id, Revision);
        DeactivateOnIdle();
        foreach (var queued in refused) Settle(queued, Superseded());
    }

    private static CollabException Superseded() => CollabException.Conflict("The document changed at the same moment elsewhere; please retry.");

    private void Settle(QueuedOperation operation, DocumentAck ack)
    {
        Forget(operation);
        operation.Outcome.TrySetResult(ack);
    }

    private void Settle(QueuedOperation operation, Exception failure)
    {
        Forget(operation);
        operation.Outcome.TrySetException(failure);
    }

    /// <summary>Drops the operation from the pending ids, unless the id is already a later operation's (a repeat sent after this one's answer).</summary>
    private void Forget(QueuedOperation operation)
    {
        if (_pending.TryGetValue(operation.ClientOpId, out var pending) && ReferenceEquals(pending, operation)) _pending.Remove(operation.ClientOpId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: another activation wrote past revision {Revision}; this one refuses edits and steps aside")]
    private partial void LogSuperseded(string documentId, long revision);
}
