using System.Text;
using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>
/// How a redaction rewrites a document's history, as a pure function of the stored operations (no I/O).
/// <para>
/// The redacted code points are traced back from the head through every operation to the insert that typed each of
/// them, and there (and in every snapshot text that holds them) they are replaced by <see cref="Placeholder"/>, one
/// code point for one code point. The redaction itself is then an ordinary deletion of those placeholders at the head.
/// </para>
/// <para>
/// Why a placeholder and not nothing: every position in every later operation, every stored snapshot and every
/// client's pending edit counts code points of texts that held the passage. Keeping each length lets all of them stay
/// exactly as they are, so each stored revision still replays to a consistent text (the old one with the passage
/// blanked out), a client whose base revision predates the redaction is transformed over the stored operations
/// correctly, and the deletion at the head is a normal operation that editors transform against. Removing the code
/// points instead would shift every later retain, snapshot and cursor, and would leave clients editing positions the
/// rewritten log no longer has.
/// </para>
/// </summary>
public sealed class HistoryRedaction
{
    /// <summary>What stands in for a redacted code point in older revisions: one BMP code point, visibly "removed".</summary>
    public const char Placeholder = '\u2588';

    private HistoryRedaction(Dictionary<long, TextOperation> operations, Dictionary<long, int[]> snapshotPositions)
    {
        Operations = operations;
        SnapshotPositions = snapshotPositions;
    }

    /// <summary>The operations whose inserts typed part of the passage, by revision, with those code points blanked.</summary>
    public IReadOnlyDictionary<long, TextOperation> Operations { get; }

    /// <summary>For each snapshot revision that held part of the passage: its code point positions there, ascending.</summary>
    public IReadOnlyDictionary<long, int[]> SnapshotPositions { get; }

    /// <summary>
    /// Traces the code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of the text
    /// after the last of <paramref name="ops"/> (the operations of revisions 1, 2, …) back through the history.
    /// </summary>
    public static HistoryRedaction Trace(IReadOnlyList<TextOperation> ops, int start, int length, IReadOnlySet<long> snapshotRevisions)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(snapshotRevisions);
        var positions = Enumerable.Range(start, length).ToArray();
        var operations = new Dictionary<long, TextOperation>();
        var snapshots = new Dictionary<long, int[]>();
        for (long revision = ops.Count; revision >= 1 && positions.Length > 0; revision--)
        {
            if (snapshotRevisions.Contains(revision)) snapshots[revision] = positions;
            var op = ops[(int)revision - 1];
            var (before, inserted) = Unapply(op, positions);
            if (inserted.Count > 0) operations[revision] = BlankInserts(op, inserted);
            positions = before;
        }
        if (positions.Length > 0) throw new InvalidOperationException("The passage reaches before the document's first revision: the log is inconsistent.");
        return new HistoryRedaction(operations, snapshots);
    }

    /// <summary><paramref name="text"/> with the code points at <paramref name="positions"/> (ascending) replaced by the placeholder.</summary>
    public static string Blank(string text, IReadOnlyList<int> positions)
    {
        var next = 0;
        return Blank(text, positions, 0, ref next);
    }

    /// <summary>
    /// Maps positions in the text after <paramref name="op"/> to the text before it: those the op kept move to where they
    /// were, those it inserted come back as offsets into its inserted text (all its inserts one after another).
    /// </summary>
    private static (int[] Before, List<int> Inserted) Unapply(TextOperation op, int[] after)
    {
        var before = new List<int>(after.Length);
        var inserted = new List<int>();
        int read = 0, written = 0, insertOffset = 0, i = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case OpKind.Retain:
                    for (; i < after.Length && after[i] < written + c.Length; i++) before.Add(after[i] - written + read);
                    (read, written) = (read + c.Length, written + c.Length);
                    break;
                case OpKind.Insert:
                    for (; i < after.Length && after[i] < written + c.Length; i++) inserted.Add(after[i] - written + insertOffset);
                    (written, insertOffset) = (written + c.Length, insertOffset + c.Length);
                    break;
                case OpKind.Delete:
                    read += c.Length;
                    break;
            }
        }
        for (; i < after.Length; i++) before.Add(after[i] - written + read);
        return (before.ToArray(), inserted);
    }

    private static TextOperation BlankInserts(TextOperation op, List<int> offsets)
    {
        var builder = new TextOperationBuilder();
        int insertOffset = 0, next = 0;
        foreach (var c in op.Components)
        {
            if (c.Kind != OpKind.Insert)
            {
                builder.Append(c);
                continue;
            }
            builder.Insert(Blank(c.Text!, offsets, insertOffset, ref next));
            insertOffset += c.Length;
        }
        return builder.Build();
    }

    private static string Blank(string text, IReadOnlyList<int> positions, int from, ref int next)
    {
        if (next >= positions.Count || positions[next] >= from + text.Length) return text; // (a code point is at least one char)
        var result = new StringBuilder(text.Length);
        var index = from;
        foreach (var rune in text.EnumerateRunes())
        {
            if (next < positions.Count && positions[next] == index)
            {
                result.Append(Placeholder);
                next++;
            }
            else result.Append(rune.ToString());
            index++;
        }
        return result.ToString();
    }
}
