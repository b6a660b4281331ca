using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>An applied operation and who wrote it (a cursor of its author moves along with its inserts).</summary>
public readonly record struct AppliedOperation(TextOperation Op, string AuthorId);

/// <summary>
/// The most recent operations of a document, in memory, for transforming incoming operations over what was
/// applied since their base revision. It holds the operations after <see cref="Start"/> up to the current
/// revision; older ones are loaded from the log on demand, and the oldest are dropped once it holds well over
/// <c>capacity</c>, so memory stays bounded however long the document lives.
/// </summary>
public sealed class OperationWindow(long start, int capacity)
{
    // Trimming in batches keeps appends O(1) amortized (List.RemoveRange shifts everything left).
    private readonly int _slack = Math.Max(64, capacity / 8);
    private readonly List<AppliedOperation> _ops = [];

    /// <summary>The revision before the oldest operation held: <c>this[Start + 1]</c> is the oldest.</summary>
    public long Start { get; private set; } = start;

    public long End => Start + _ops.Count;

    /// <summary>The operation that made <paramref name="revision"/>.</summary>
    public AppliedOperation this[long revision] => _ops[(int)(revision - Start - 1)];

    public void Add(AppliedOperation op)
    {
        _ops.Add(op);
        if (_ops.Count <= capacity + _slack) return;
        var drop = _ops.Count - capacity;
        _ops.RemoveRange(0, drop);
        Start += drop;
    }

    /// <summary>Puts the operations of revisions <c>Start - older.Count + 1 .. Start</c> in front.</summary>
    public void Prepend(IReadOnlyList<AppliedOperation> older)
    {
        _ops.InsertRange(0, older);
        Start -= older.Count;
    }

    /// <summary>The operations after <paramref name="revision"/>, oldest first; the window must hold them.</summary>
    public IEnumerable<AppliedOperation> After(long revision)
    {
        if (revision < Start) throw new ArgumentOutOfRangeException(nameof(revision), revision, $"The window starts after revision {Start}.");
        for (var r = revision + 1; r <= End; r++) yield return this[r];
    }
}
