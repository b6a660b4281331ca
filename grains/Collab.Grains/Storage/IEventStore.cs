namespace Collab.Grains.Storage;

/// <summary>
/// The append-only event log of every scope (threads, documents, ...), the comment rows derived from it and
/// periodic snapshots. Each append writes one event row and at most one comment row in one transaction: its
/// cost does not depend on how long the thread or document already is.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="evt"/> and, when given, inserts or replaces <paramref name="comment"/> and applies
    /// <paramref name="rows"/>, atomically. Throws <see cref="EventSeqConflictException"/> when the scope already
    /// has an event with that seq or that command id, and then writes nothing.
    /// </summary>
    Task AppendAsync(StoredEvent evt, StoredComment? comment, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="events"/>, all of one scope with consecutive seqs, in one transaction: all or nothing.
    /// Throws <see cref="EventSeqConflictException"/> when the scope already has an event with any of those seqs or
    /// command ids (or two of them share a command id), and then writes none of them. This is how a document commits
    /// the operations that arrived while its previous batch was being written: one commit for all of them.
    /// </summary>
    Task AppendBatchAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The highest seq of the scope, 0 when it has no events.</summary>
    Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Events with seq greater than <paramref name="afterSeq"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The event that a command with this client-generated id produced in the scope, if any.</summary>
    Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default);

    Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default);

    /// <summary>Comments with id greater than <paramref name="afterCommentId"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Comments with id below <paramref name="beforeCommentId"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredComment>> ReadCommentsBeforeAsync(string threadId, long beforeCommentId, int limit, CancellationToken cancellationToken = default);

    Task<StoredRow?> GetRowAsync(string scope, string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of a collection in (position, key) order after <paramref name="after"/>, or in reverse order before it
    /// when <paramref name="newestFirst"/>; a null cursor starts at the beginning (or the end).
    /// </summary>
    Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string scope, string collection, RowCursor? after, int limit, bool newestFirst = false, CancellationToken cancellationToken = default);

    /// <summary>How many rows of the collection lie past <paramref name="afterPosition"/>, counting no further than <paramref name="cap"/>.</summary>
    Task<int> CountRowsAsync(string scope, string collection, long afterPosition, int cap, CancellationToken cancellationToken = default);

    /// <summary>Saves the scope's state as of <paramref name="seq"/>, replacing a snapshot already saved for that seq.</summary>
    Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one write that changes history (a document redaction): replaces the payloads of the scope's stored
    /// events and snapshots named by seq, and appends <paramref name="append"/> (with <paramref name="rows"/>) when
    /// given, all in one transaction. Seqs, kinds, actors, command ids and times stay as they were. Throws
    /// <see cref="EventSeqConflictException"/> when <paramref name="append"/>'s seq or command id is taken (another
    /// writer moved the log since the rewrite was computed) and <see cref="KeyNotFoundException"/> when a named
    /// event or snapshot does not exist; either way it writes nothing.
    /// </summary>
    Task RewriteAsync(string scope, IReadOnlyList<PayloadRewrite> events, IReadOnlyList<PayloadRewrite> snapshots,
        StoredEvent? append = null, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default);

    /// <summary>The snapshot with the highest seq not above <paramref name="atOrBeforeSeq"/>, or null when there is none.</summary>
    Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default);
}
