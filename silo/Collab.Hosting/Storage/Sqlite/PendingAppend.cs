using Collab.Grains.Storage;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>One append waiting for the next group commit: the event and what it changes with it.</summary>
public sealed record PendingAppend(StoredEvent Event, StoredComment? Comment, IReadOnlyList<RowChange>? Rows);
