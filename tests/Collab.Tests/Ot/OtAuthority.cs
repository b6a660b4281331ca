using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// The server side of client/server OT in memory, as DocumentGrain does it for real: every operation names the
/// revision it was made on; the authority transforms it over the operations applied since, checks it, applies
/// it and appends it to the log. The log order is the one order every client ends up applying.
/// </summary>
public sealed class OtAuthority(string text = "")
{
    private readonly List<TextOperation> log = [];

    public TextDocument Document { get; } = new(text);

    /// <summary>How many operations have been applied; a client's next operation is based on one of these.</summary>
    public int Revision => log.Count;

    public IReadOnlyList<TextOperation> Log => log;

    /// <summary>Applies a client's operation and returns it as applied, which is what every other client receives.</summary>
    public TextOperation Submit(int baseRevision, TextOperation op)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseRevision);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baseRevision, Revision);
        // The later arrival goes Left: clients transform the ops they receive as Right against their own.
        for (var i = baseRevision; i < log.Count; i++) op = TextOperation.Transform(op, log[i], Side.Left);
        op.Validate(Document.Length);
        Document.Apply(op);
        log.Add(op);
        return op;
    }
}
