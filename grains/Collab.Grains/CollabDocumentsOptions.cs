namespace Collab.Grains;

/// <summary>Co-editing of project documents (section <c>Collab:Documents</c>); enforced by the document grain.</summary>
public sealed class CollabDocumentsOptions
{
    public const string Section = "Collab:Documents";

    /// <summary>
    /// A snapshot of the text (and who wrote it) is saved every this many operations, so activating a document
    /// replays at most this many operations from the log, however long its history.
    /// </summary>
    public int SnapshotEvery { get; set; } = 500;

    /// <summary>
    /// How far behind the current revision an operation's base revision may be. Older ones are refused (the client
    /// reopens the document): transforming over an unbounded history would let one stale client stall everyone.
    /// </summary>
    public int MaxTransformWindow { get; set; } = 10_000;

    /// <summary>Code points one operation may insert (a large paste, not a whole book).</summary>
    public int MaxInsertCodePoints { get; set; } = 100_000;

    /// <summary>A client reopening further behind than this gets the whole text instead of the operations it missed.</summary>
    public int MaxOpenOps { get; set; } = 1_000;

    /// <summary>
    /// At most this many operations are committed in one transaction: the operations that arrive while a batch is
    /// being written wait for the next one, so the batches grow with the load and one commit stays short.
    /// </summary>
    public int MaxBatchOperations { get; set; } = 256;

    /// <summary>
    /// Operations that may wait for a commit at once; more are refused (the sender retries), so a document that cannot
    /// store as fast as it is edited pushes back instead of holding an ever longer queue in memory.
    /// </summary>
    public int MaxQueuedOperations { get; set; } = 10_000;

    public void Validate()
    {
        if (SnapshotEvery < 1) throw new InvalidOperationException($"{Section}:SnapshotEvery must be at least 1.");
        if (MaxTransformWindow < 1) throw new InvalidOperationException($"{Section}:MaxTransformWindow must be at least 1.");
        if (MaxInsertCodePoints < 1) throw new InvalidOperationException($"{Section}:MaxInsertCodePoints must be at least 1.");
        if (MaxBatchOperations < 1) throw new InvalidOperationException($"{Section}:MaxBatchOperations must be at least 1.");
        if (MaxQueuedOperations < 1) throw new InvalidOperationException($"{Section}:MaxQueuedOperations must be at least 1.");
        if (MaxOpenOps < 0) throw new InvalidOperationException($"{Section}:MaxOpenOps must not be negative.");
    }
}
