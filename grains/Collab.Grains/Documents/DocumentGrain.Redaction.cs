using System.Globalization;
using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Documents.Ot;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Logging;

namespace Collab.Grains.Documents;

/// <summary>
/// Redaction: the one operation that rewrites history. The passage leaves the head as an ordinary deletion (pushed to
/// every editor like any operation, so they transform against it and converge) and leaves every stored operation and
/// snapshot as placeholders (see <see cref="HistoryRedaction"/>), all in one transaction of the event store.
/// </summary>
public sealed partial class DocumentGrain
{
    private const int MaxReasonLength = 500;
    private const string RedactionsCollection = "redactions";

    public async Task<DocumentRedaction> Redact(string actorId, RedactPassage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var commandId = Input.CommandId(command.CommandId) ?? Guid.NewGuid().ToString("N");
        var reason = Input.RequiredText("reason", command.Reason, MaxReasonLength);
        CheckPassageShape(command.Revision, command.Start, command.End);
        await EnsureModerator(actorId);
        // The gate of the commit loop: no batch is in flight while history is rewritten and the text reloaded.
        return await WithWriteGate(() => RedactHeld(actorId, command, commandId, reason));
    }

    private async Task<DocumentRedaction> RedactHeld(string actorId, RedactPassage command, string commandId, string reason)
    {
        if (_superseded) throw Superseded();
        if (await _log.FindCommandAsync(commandId, actorId, DocumentEventKinds.Operation) is { } earlier)
            return DocumentOpPayload.Parse(earlier.Payload).Redaction
                ?? throw CollabException.Conflict("This command id was already used for an edit.");

        var (start, end) = await PassageAtHead(command.Revision, command.Start, command.End);
        var redaction = new DocumentRedaction(Revision + 1, actorId, time.UtcNowMicros(), reason, start, end - start);
        var (rewrittenOps, rewrittenSnapshots) = await BlankedHistory(start, end - start);
        var payload = new DocumentOpPayload(TextOperation.Delete(start, end - start), commandId, redaction.Revision, actorId, redaction);
        var stored = new StoredEvent(_log.Scope, redaction.Revision, DocumentEventKinds.Operation, payload.ToJson(), actorId, commandId, redaction.At);
        var tombstone = RowChange.Upsert(_log.Scope, RedactionsCollection, RedactionKey(redaction.Revision), redaction.Revision, redaction);
        var expected = _text.Slice(0, start) + _text.Slice(end, _text.Length - end);
        try
        {
            await events.RewriteAsync(_log.Scope, rewrittenOps, rewrittenSnapshots, stored, [tombstone]);
        }
        catch (EventSeqConflictException)
        {
            // Another activation wrote to this log (see ResolveConflictAsync): this one's text is stale, nothing was rewritten.
            DeactivateOnIdle();
            throw CollabException.Conflict("The document changed at the same moment elsewhere; please retry.");
        }

        // Rebuild from what is now stored rather than patch memory: the text, the authorship and the transform window
        // then come from the rewritten log itself, and this check proves that log still replays to the expected text.
        await LoadAsync(CancellationToken.None);
        if (_text.ToString() != expected)
            throw new InvalidOperationException($"Document {Id} does not replay to the redacted text after the redaction at revision {redaction.Revision}.");
        await _log.RepublishAsync(stored);
        ReportActivity(ActivityKind.DocumentEdited);
        LogRedacted(Id, redaction.Revision, actorId, redaction.Length);
        return redaction;
    }

    public async Task<Page<DocumentRedaction>> GetRedactions(string actorId, string? after, int limit)
    {
        if (limit < 1 || limit > limits.Value.PageMaxSize)
            throw CollabException.Invalid("limit", $"'limit' must be between 1 and {limits.Value.PageMaxSize}.");
        var cursor = RowCursor.Parse("after", after);
        await Access(actorId);
        var rows = await events.ReadRowsAsync(_log.Scope, RedactionsCollection, cursor, limit);
        return new Page<DocumentRedaction>(rows.Select(r => r.Read<DocumentRedaction>()).ToList(),
            rows.Count == limit ? rows[^1].Cursor.ToString() : null);
    }

    private async Task EnsureModerator(string actorId)
    {
        await Access(actorId);
        if (await Circle.RoleOf(actorId) is not { } role || role < CircleRole.Moderator)
            throw CollabException.Forbidden("Only the circle's moderators and owners may redact its documents.");
    }

    /// <summary>What can be said of a passage without reading the document, so it is said before any rights check.</summary>
    private static void CheckPassageShape(long revision, int start, int end)
    {
        if (revision < 0) throw CollabException.Invalid("revision", "'revision' must not be negative.");
        if (start < 0) throw CollabException.Invalid("start", "'start' must not be negative.");
        if (start >= end) throw CollabException.Invalid("end", "'end' must be after 'start': the passage must not be empty.");
    }

    /// <summary>
    /// A passage [<paramref name="start"/>, <paramref name="end"/>) of the text at <paramref name="revision"/>, checked and
    /// moved over the operations applied since, as a range of the current text; refused when nothing of it is left.
    /// </summary>
    private async Task<(int Start, int End)> PassageAtHead(long revision, int start, int end)
    {
        CheckRevision(revision, "revision");
        var (later, lengthThen, _) = await Since(revision);
        CheckPosition(start, "start", lengthThen, revision);
        CheckPosition(end, "end", lengthThen, revision);
        CheckPassageShape(revision, start, end);
        foreach (var (op, _) in later) (start, end) = (TextOperation.TransformPosition(start, op), TextOperation.TransformPosition(end, op));
        return start < end
            ? (start, end)
            : throw CollabException.Conflict($"The passage was deleted after revision {revision}: it is no longer in the text.");
    }

    /// <summary>Every stored operation and snapshot that holds part of the passage, rewritten with it blanked out.</summary>
    private async Task<(List<PayloadRewrite> Ops, List<PayloadRewrite> Snapshots)> BlankedHistory(int start, int length)
    {
        var payloads = new List<DocumentOpPayload>((int)Math.Min(Revision, int.MaxValue));
        await foreach (var payload in ReadOps(0, Revision)) payloads.Add(payload);
        if (payloads.Count != Revision)
            throw new InvalidOperationException($"The log of {_log.Scope} holds {payloads.Count} operations, not {Revision}.");

        var snapshots = new List<StoredSnapshot>();
        for (var s = await events.LatestSnapshotAsync(_log.Scope, Revision); s is not null; s = s.Seq > 1 ? await events.LatestSnapshotAsync(_log.Scope, s.Seq - 1) : null)
            snapshots.Add(s);

        var trace = HistoryRedaction.Trace(payloads.ConvertAll(p => p.Op), start, length, snapshots.Select(s => s.Seq).ToHashSet());
        var ops = trace.Operations.OrderBy(o => o.Key)
            .Select(o => new PayloadRewrite(o.Key, (payloads[(int)o.Key - 1] with { Op = o.Value }).ToJson())).ToList();
        var blankedSnapshots = snapshots.Where(s => trace.SnapshotPositions.ContainsKey(s.Seq)).Select(s =>
        {
            var snapshot = DocumentSnapshot.Parse(s.Payload);
            return new PayloadRewrite(s.Seq, (snapshot with { Text = HistoryRedaction.Blank(snapshot.Text, trace.SnapshotPositions[s.Seq]) }).ToJson());
        }).ToList();
        return (ops, blankedSnapshots);
    }

    private static string RedactionKey(long revision) => revision.ToString("D19", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: revision {Revision} redacts {Length} code points by moderator {ModeratorId}; the history was rewritten")]
    private partial void LogRedacted(string documentId, long revision, string moderatorId, int length);
}
