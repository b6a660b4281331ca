namespace Collab.Grains.Storage;

/// <summary>
/// The append-only event log of every scope (threads, documents, ...), the comment rows derived from it and
/// periodic snapshots. Each append writes one event row and at most one comment row in one transaction: its
/// cost does not depend on how long the thread or document already is.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="evt"/> and, when given, inserts or replaces <paramref name="comment"/>, atomically.
    /// Throws <see cref="EventSeqConflictException"/> when the scope already has an event with that seq.
    /// </summary>
    Task AppendAsync(StoredEvent evt, StoredComment? comment, CancellationToken cancellationToken = default);

    /// <summary>The highest seq of the scope, 0 when it has no events.</summary>
    Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Events with seq greater than <paramref name="afterSeq"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The event that a command with this client-generated id produced in the scope, if any.</summary>
    Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default);

    Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default);

    /// <summary>Comments with id greater than <paramref name="afterCommentId"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Saves the scope's state as of <paramref name="seq"/>, replacing a snapshot already saved for that seq.</summary>
    Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default);

    /// <summary>The snapshot with the highest seq not above <paramref name="atOrBeforeSeq"/>, or null when there is none.</summary>
    Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default);
}
