using Collab.Grains.Storage;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// One write waiting for the next group commit: an append (its events: one, or a document's batch of one scope with
/// consecutive seqs, written or refused together, and what they change with them) or a grain's snapshot.
/// </summary>
public sealed record PendingAppend(IReadOnlyList<StoredEvent> Events, StoredComment? Comment, IReadOnlyList<RowChange>? Rows, StoredSnapshot? Snapshot = null)
{
    public static PendingAppend Of(StoredSnapshot snapshot) => new([], null, null, snapshot);
}
