using Collab.Grains.Documents.Ot;

namespace Collab.Replay.Editing;

/// <summary>An operation as the server applied it: it made revision <see cref="Revision"/> of the document.</summary>
public sealed record ServerOperation(long Revision, TextOperation Op, string AuthorId, string ClientOpId);
