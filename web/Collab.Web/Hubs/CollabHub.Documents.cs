using System.Text.Json;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Hubs;

/// <summary>
/// Co-editing a project's document (the ot.js client/server protocol): open it at the revision you know, send
/// one operation at a time based on the last revision you applied, and apply the document's <c>document.op</c>
/// events in seq (= revision) order as they arrive. Your own operation comes back twice, as the acknowledgement
/// and as its event (same clientOpId): take whichever arrives first and skip the other by its revision.
/// </summary>
public sealed partial class CollabHub
{
    /// <summary>
    /// Opens a document (id = the project id) and streams its operations: answers the text (when
    /// <paramref name="knownRevision"/> is 0 or too far behind) or the operations after it, then pushes every
    /// later operation as a <c>document.op</c> event and other viewers' cursors as <c>Cursor</c>.
    /// </summary>
    public async Task<DocumentOpenResult> OpenDocument(string documentId, long knownRevision)
    {
        if (knownRevision < 0) throw CollabException.Invalid("knownRevision", "'knownRevision' must not be negative.");
        var scope = Scopes.Of(Scopes.Document, documentId);
        EnsureRoomFor(scope);
        var admittedAt = scopes.AccessVersion;
        var (_, presenceScopes) = await access.AdmitDocument(documentId, MemberId);

        // Group first, then the answer: an operation is either in the answer or pushed afterwards, never lost.
        await scopes.Enter(Connection, scope, presenceScopes, admittedAt);
        var who = await presence.Current(scope);
        var opened = await grains.GetGrain<IDocumentGrain>(documentId).Open(MemberId, knownRevision);
        return new DocumentOpenResult(documentId, scope, opened.Revision, opened.Text, opened.Ops.Select(LiveEvent.From).ToList(), opened.CanEdit, who);
    }

    /// <summary>Sends one operation (ot-text-unicode JSON) made on <paramref name="baseRevision"/>; answers how it was applied.</summary>
    public async Task<DocumentAckResult> SubmitOperation(string documentId, long baseRevision, JsonElement op, string clientOpId)
    {
        if (op.ValueKind == JsonValueKind.Undefined) throw CollabException.Invalid("op", "'op' is required: a JSON array of retains, inserts and deletes.");
        var ack = await grains.GetGrain<IDocumentGrain>(documentId).Submit(MemberId, new SubmitOperation(baseRevision, op.GetRawText(), clientOpId));
        return DocumentAckResult.From(ack);
    }

    /// <summary>
    /// Shares this connection's cursor (<paramref name="anchor"/> = <paramref name="focus"/>) or selection, in code
    /// points of the text at <paramref name="revision"/>, with the document's other viewers on every web node.
    /// Answers it as they receive it: moved to the current revision. A connection that has not opened the document
    /// (where the grain lets a member in) is refused as any outsider is; the grain checks again as it places the cursor.
    /// </summary>
    public async Task<CursorUpdate> SetCursor(string documentId, long revision, int anchor, int focus)
    {
        var scope = Scopes.Of(Scopes.Document, documentId);
        if (!connections.IsJoined(Connection, scope)) throw CollabException.Forbidden("Open the document before sharing a cursor in it.");
        return await grains.GetGrain<IDocumentGrain>(documentId)
            .MoveCursor(MemberId, new CursorUpdate(scope, Context.ConnectionId, MemberId, DisplayName, revision, anchor, focus));
    }
}
