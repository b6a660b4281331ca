using Collab.Grains.Documents.Ot;

namespace Collab.Replay.Editing;

/// <summary>An operation for the server, with the revision it was made on and its idempotency id.</summary>
public readonly record struct OutgoingOperation(long BaseRevision, TextOperation Op, string ClientOpId);
