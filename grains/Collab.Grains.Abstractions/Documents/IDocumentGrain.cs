using Orleans.Concurrency;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Paging;

namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// The co-edited document of one project (key = the project id: one document per project). It is the single
/// authority of client/server OT: each operation names the revision it was made on, and the grain transforms it
/// over the operations applied since, applies it, appends it to the document's log (one row per operation) and
/// pushes it to everyone else editing. Operations travel as ot-text-unicode JSON (<c>[5, "hi", {"d": 3}]</c>),
/// with positions and lengths in Unicode code points. Whoever may read the project may read the document;
/// circle members may edit it.
/// </summary>
[Alias("collab.document")]
public interface IDocumentGrain : IGrainWithStringKey
{
    /// <summary>Who the document belongs to and where it stands, without its text; checks that the actor may read it.</summary>
    [Alias("describe")] Task<DocumentInfo> Describe(string actorId);

    /// <summary>The current text and its revision.</summary>
    [Alias("get")] Task<DocumentText> Get(string actorId);

    /// <summary>
    /// What an editor needs to (re)open the document: the operations after <paramref name="knownRevision"/>, or
    /// the whole text when <paramref name="knownRevision"/> is 0 or too far behind.
    /// </summary>
    [Alias("open")] Task<DocumentOpened> Open(string actorId, long knownRevision);

    /// <summary>
    /// Applies an operation; a retry with the same client operation id returns the first acknowledgement and
    /// applies nothing. A refused operation changes nothing.
    /// </summary>
    /// <remarks>
    /// Interleaves with every call: many submits wait for their commit at once, so the operations that arrive while
    /// one batch is being stored share the next transaction. The grain keeps every other call on durable state.
    /// </remarks>
    [AlwaysInterleave, Alias("submit")] Task<DocumentAck> Submit(string actorId, SubmitOperation command);

    /// <summary>
    /// Moves the actor's cursor or selection: the positions, given at <see cref="CursorUpdate.Revision"/>, are
    /// transformed to the current revision and pushed to the document's other viewers. Returns what was pushed.
    /// </summary>
    [Alias("move-cursor")] Task<CursorUpdate> MoveCursor(string actorId, CursorUpdate cursor);

    /// <summary>The revisions after <paramref name="afterRevision"/>, oldest first: who changed what, and when.</summary>
    [Alias("history")] Task<DocumentHistoryPage> GetHistory(string actorId, long afterRevision, int limit);

    /// <summary>The text as it was at <paramref name="revision"/> (0 is the empty document).</summary>
    [Alias("text-at")] Task<DocumentText> GetTextAt(string actorId, long revision);

    /// <summary>
    /// Makes the text what it was at <paramref name="revision"/>, as one new operation by the actor, so the
    /// revisions in between stay in the history and nobody's work is lost.
    /// </summary>
    [Alias("restore")] Task<DocumentAck> Restore(string actorId, long revision, string clientOpId);

    /// <summary>For the current text: how many code points each member wrote.</summary>
    [Alias("attribution")] Task<DocumentAttribution> GetAttribution(string actorId);

    /// <summary>
    /// Removes a passage from the current text, as one deletion at the head that every editor receives like any
    /// operation, and from every stored revision, operation and snapshot, leaving a tombstone. Circle moderators
    /// and owners only.
    /// </summary>
    [Alias("redact")] Task<DocumentRedaction> Redact(string actorId, RedactPassage command);

    /// <summary>The tombstones of the document's redactions, oldest first; <paramref name="after"/> is a page's cursor.</summary>
    [Alias("redactions")] Task<Page<DocumentRedaction>> GetRedactions(string actorId, string? after, int limit);

    /// <summary>
    /// Flags a passage for the circle's moderators; a flag on the passage an open flag already covers adds a reason
    /// to it. Anyone who may read the document may flag it.
    /// </summary>
    [Alias("flag")] Task<DocumentFlag> Flag(string actorId, FlagPassage command);
}
