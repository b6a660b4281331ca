using Collab.Grains.Storage;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// One append waiting for the next group commit: its events (one, or a document's batch of one scope with consecutive
/// seqs, written or refused together) and what they change with them.
/// </summary>
public sealed record PendingAppend(IReadOnlyList<StoredEvent> Events, StoredComment? Comment, IReadOnlyList<RowChange>? Rows);
