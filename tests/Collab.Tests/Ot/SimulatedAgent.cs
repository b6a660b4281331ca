using System.Text;
using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// One editor of <see cref="ConcurrentTraceGenerator"/>: its own copy of the text and the client side of
/// client/server OT, written here on its own (ot.js style: one operation in flight, everything typed meanwhile
/// composed into one buffer) rather than taken from the replay tool, so that a generated trace does not lean on
/// the code it is used to test.
/// </summary>
/// <remarks>
/// Every letter has one owner, by its value, whoever typed it. An agent types any letters but inserts only right
/// after a letter it owns, and deletes only letters it owns. So an insert always sits right after a letter that
/// only its author may insert after or remove, and no concurrent operation can put another insert in the same
/// place: no two agents ever insert concurrently at the same position, and the end text does not depend on the
/// order in which the server applies concurrent operations. That is what the recorded traces promise too, and
/// what lets a replay in another server order be held to the same endContent. Typing the others' letters is what
/// interleaves everyone's edits through the whole text.
/// </remarks>
public sealed class SimulatedAgent(int id, int agents, string letters, string text, Func<int, int?> ownerOf, Random random)
{
    private readonly int[] _letters = [.. letters.EnumerateRunes().Select(r => r.Value)];
    private TextOperation? _buffer;
    private int _bufferLast = -1;

    public int Id { get; } = id;

    public TextDocument Document { get; } = new(text);

    /// <summary>Server revisions applied here, acknowledgements of its own included.</summary>
    public long Revision { get; private set; }

    /// <summary>The operation the server has not acknowledged yet, and the last transaction composed into it.</summary>
    public (TextOperation Op, int LastTransaction)? InFlight { get; private set; }

    /// <summary>The trace index of this agent's latest transaction, or −1.</summary>
    public int LastOwn { get; private set; } = -1;

    /// <summary>Per agent, the trace index of its latest transaction this agent has applied, or −1.</summary>
    public int[] LastSeen { get; } = [.. Enumerable.Repeat(-1, agents)];

    public bool IsIdle => InFlight is null && _buffer is null;

    /// <summary>
    /// Makes transaction <paramref name="index"/> of 1–3 random patches on the current copy; returns its patches,
    /// its parents (what this agent has seen) and whether its operation is to be sent now.
    /// </summary>
    public (List<object[]> Patches, int[] Parents, bool Send) Edit(int index)
    {
        int[] parents = [.. LastSeen.Where((_, agent) => agent != Id).Where(t => t >= 0).Append(LastOwn).Where(t => t >= 0).Order()];
        var patches = new List<object[]>();
        var op = TextOperation.Empty;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var (position, deleteCount, insertText) = Patch();
            var patch = TextOperation.Splice(position, deleteCount, insertText);
            Document.Apply(patch);
            op = TextOperation.Compose(op, patch);
            patches.Add([position, deleteCount, insertText]);
        }
        LastOwn = index;
        if (InFlight is null)
        {
            InFlight = (op, index);
            return (patches, parents, true);
        }
        _buffer = _buffer is null ? op : TextOperation.Compose(_buffer, op);
        _bufferLast = index;
        return (patches, parents, false);
    }

    /// <summary>Our operation in flight was applied; returns true when the buffer is now in flight and to be sent.</summary>
    public bool Acknowledged()
    {
        Revision++;
        InFlight = _buffer is null ? null : (_buffer, _bufferLast);
        _buffer = null;
        return InFlight is not null;
    }

    /// <summary>Applies another agent's operation as the server applied it, over what this agent has not sent or had acknowledged.</summary>
    public void Receive(TextOperation op, int author, int lastTransaction)
    {
        // As the server does it, the later arrival (ours, still pending) goes Left.
        if (InFlight is { } inFlight)
        {
            InFlight = (TextOperation.Transform(inFlight.Op, op, Side.Left), inFlight.LastTransaction);
            op = TextOperation.Transform(op, inFlight.Op, Side.Right);
        }
        if (_buffer is { } buffer)
        {
            _buffer = TextOperation.Transform(buffer, op, Side.Left);
            op = TextOperation.Transform(op, buffer, Side.Right);
        }
        Document.Apply(op);
        Revision++;
        LastSeen[author] = lastTransaction;
    }

    private (int Position, int DeleteCount, string InsertText) Patch()
    {
        var at = OwnLetter();
        // Letters beyond U+FFFF are never deleted: the start text has one of every agent's, so each always has a letter to insert after.
        if (random.Next(10) < 3 && Deletable(at))
        {
            var count = 1;
            while (count < 4 && at + count < Document.Length && Deletable(at + count)) count++;
            return (at, count, "");
        }
        var inserted = new StringBuilder();
        for (var i = random.Next(1, 5); i > 0; i--) inserted.Append(char.ConvertFromUtf32(_letters[random.Next(_letters.Length)]));
        return (at + 1, 0, inserted.ToString());
    }

    /// <summary>A random position of a letter this agent owns (a few tries: about one letter in every agent count is its).</summary>
    private int OwnLetter()
    {
        while (true)
        {
            var at = random.Next(Document.Length);
            if (ownerOf(LetterAt(at)) == Id) return at;
        }
    }

    private bool Deletable(int at) => LetterAt(at) is var letter && letter <= 0xFFFF && ownerOf(letter) == Id;

    private int LetterAt(int at) => char.ConvertToUtf32(Document.Slice(at, 1), 0);
}
