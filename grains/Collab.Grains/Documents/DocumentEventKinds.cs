namespace Collab.Grains.Documents;

/// <summary>The kinds of event in a document's log; the event's seq is the revision the operation made.</summary>
public static class DocumentEventKinds
{
    /// <summary>Payload <c>{"op": [...], "clientOpId": "...", "revision": n, "authorId": "..."}</c>, the op as applied; a
    /// moderator's redaction also carries its tombstone as <c>"redaction": {...}</c>.</summary>
    public const string Operation = "document.op";
}
