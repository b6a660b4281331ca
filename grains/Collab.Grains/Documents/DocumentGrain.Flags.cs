using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Documents.Ot;
using Collab.Grains.Storage;
using Collab.Grains.Validation;

namespace Collab.Grains.Documents;

/// <summary>
/// Flags on passages. A flag is an event of the document's own moderation log (scope <c>document-flags:{id}</c>), not of
/// its operation log: there every seq is a revision and every event is pushed to everyone editing, and a flag is
/// neither an edit nor something other readers should see. The event writes, in its transaction, the flag's row in
/// the circle's <c>flags</c> collection (the review queue) and an index row here to find the open flag of a passage.
/// </summary>
public sealed partial class DocumentGrain
{
    private const int MaxNoteLength = 1000;
    private const int MaxOpenFlagsCompared = 200;
    private const string FlaggedKind = "document.flagged";
    private const string FlagsCollection = "flags";

    private string FlagScope => $"document-flags:{Id}";

    public async Task<DocumentFlag> Flag(string actorId, FlagPassage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var reason = command.Reason is { } r && Enum.IsDefined(r)
            ? r
            : throw CollabException.Invalid("reason", "'reason' must be Spam, Harassment, OffTopic, Safeguarding or Other.");
        var note = Input.OptionalText("note", command.Note, MaxNoteLength);
        if (reason == FlagReason.Other && note.Length == 0)
            throw CollabException.Invalid("note", "Say in 'note' what is wrong when the reason is Other.");
        CheckPassageShape(command.Revision, command.Start, command.End);
        await Access(actorId);
        // The passage is found and compared with the open flags at one revision: commits wait meanwhile.
        return await WithWriteGate(() => FlagHeld(actorId, command, reason, note));
    }

    private async Task<DocumentFlag> FlagHeld(string actorId, FlagPassage command, FlagReason reason, string note)
    {
        var (start, end) = await PassageAtHead(command.Revision, command.Start, command.End);

        var circleScope = Scopes.Of(Scopes.Circle, _circleId!);
        var at = time.UtcNowMicros();
        var entry = new FlagReport(actorId, reason, note.Length == 0 ? null : note, at);
        var seq = await events.GetLastSeqAsync(FlagScope) + 1;
        var existing = await OpenFlagOf(circleScope, start, end);
        var flag = existing is null
            ? new FlagView($"document:{Id}:{seq}", "document", null, null, Id, null, [entry], "open", at, Revision: Revision, Start: start, End: end)
            : existing.Value.Row with { Reasons = [.. existing.Value.Row.Reasons, entry] };
        var range = new PassageRange(flag.Revision!.Value, flag.Start!.Value, flag.End!.Value);
        // Positions order the circle's queue: microseconds, as its comment flags use.
        var position = existing?.Position ?? (at - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        var stored = new StoredEvent(FlagScope, seq, FlaggedKind, CollabJson.Serialize(new { flag.FlagId, range, reason = entry }), actorId, null, at);
        try
        {
            await events.AppendAsync(stored, null, [
                RowChange.Upsert(circleScope, FlagsCollection, flag.FlagId, position, flag),
                RowChange.Upsert(FlagScope, FlagsCollection, flag.FlagId, position, range),
            ]);
        }
        catch (EventSeqConflictException)
        {
            throw CollabException.Conflict("The passage was flagged at the same moment elsewhere; please retry.");
        }
        if (existing is null) ReportActivity(ActivityKind.FlagOpened);
        return new DocumentFlag(flag.FlagId, Id, range.Revision, range.Start, range.End, flag.Reasons.Count, flag.State);
    }

    /// <summary>
    /// The open flag on exactly the passage [<paramref name="start"/>, <paramref name="end"/>) of the current text, if any:
    /// each recent flag's range is moved from its revision to now (when still within the transform window) and
    /// compared, so a passage that moved with later edits is still the same passage.
    /// </summary>
    private async Task<(FlagView Row, long Position)?> OpenFlagOf(string circleScope, int start, int end)
    {
        var oldest = Math.Max(0, Revision - Options.MaxTransformWindow);
        foreach (var index in await events.ReadRowsAsync(FlagScope, FlagsCollection, null, MaxOpenFlagsCompared, newestFirst: true))
        {
            var range = index.Read<PassageRange>();
            if (range.Revision < oldest || range.Revision > Revision) continue;
            var (later, _, _) = await Since(range.Revision);
            var (from, to) = (range.Start, range.End);
            foreach (var (op, _) in later) (from, to) = (TextOperation.TransformPosition(from, op), TextOperation.TransformPosition(to, op));
            if (from != start || to != end) continue;
            if (await events.GetRowAsync(circleScope, FlagsCollection, index.Key) is { } row && row.Read<FlagView>() is { State: "open" } open)
                return (open, row.Position);
        }
        return null;
    }
}
