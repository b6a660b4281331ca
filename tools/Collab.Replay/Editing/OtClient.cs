using Collab.Grains.Documents.Ot;

namespace Collab.Replay.Editing;

/// <summary>
/// The client side of client/server OT (the ot.js model), with no I/O: local edits apply at once; at most one is
/// in flight to the server and the rest wait in order, so the server never sees two operations of one client
/// based on the same revision. Operations received from the server are transformed over the in-flight and
/// waiting ones before they are applied, and those over them (they will reach the server after it).
/// </summary>
/// <remarks>
/// Waiting operations are composed into one when <c>composeWaiting</c> is set, as an editor does (everything
/// typed during one round trip travels together), up to a size that keeps one hub message small. Kept one by one
/// otherwise, so a replay can let the server see exactly the edits the other side is meant to have seen.
/// </remarks>
public sealed class OtClient(string text = "", long revision = 0, bool composeWaiting = false)
{
    /// <summary>
    /// A composed operation stops growing at this many inserted code points or components, so that, at up to 4
    /// UTF-8 bytes per code point, it stays well inside the hub's message limit (64 KB by default).
    /// </summary>
    public const int MaxComposedCodePoints = 4_096;
    public const int MaxComposedComponents = 1_024;

    private readonly string _idPrefix = Guid.NewGuid().ToString("N")[..12];
    private readonly List<TextOperation> _waiting = [];
    private long _sent;

    public TextDocument Document { get; } = new(text);

    /// <summary>The server revision this client has caught up with (its own acknowledged operations included).</summary>
    public long Revision { get; private set; } = revision;

    /// <summary>The client operation id of the operation in flight, or null.</summary>
    public string? InFlightId { get; private set; }

    public bool IsAwaitingAck => InFlightId is not null;

    public int WaitingCount => _waiting.Count;

    private TextOperation? InFlight { get; set; }

    /// <summary>Applies a local edit; returns it to send now, or null when it must wait behind the one in flight.</summary>
    public OutgoingOperation? Edit(TextOperation op)
    {
        Document.Apply(op);
        if (InFlight is null) return Send(op);
        if (composeWaiting && _waiting.Count > 0 && FitsWith(_waiting[^1], op)) _waiting[^1] = TextOperation.Compose(_waiting[^1], op);
        else _waiting.Add(op);
        return null;
    }

    /// <summary>The server applied our in-flight operation; returns the next one to send, if any.</summary>
    public OutgoingOperation? ReceiveAck()
    {
        if (InFlight is null) throw new InvalidOperationException("An acknowledgement arrived with nothing in flight.");
        Revision++;
        (InFlight, InFlightId) = (null, null);
        if (_waiting.Count == 0) return null;
        var next = _waiting[0];
        _waiting.RemoveAt(0);
        return Send(next);
    }

    /// <summary>
    /// Applies another client's operation as the server applied it, and returns it as applied here (what an
    /// editor and remote cursors need).
    /// </summary>
    public TextOperation ReceiveRemote(TextOperation op)
    {
        if (InFlight is not null) (InFlight, op) = Exchange(InFlight, op);
        for (var i = 0; i < _waiting.Count; i++) (_waiting[i], op) = Exchange(_waiting[i], op);
        Document.Apply(op);
        Revision++;
        return op;
    }

    private OutgoingOperation Send(TextOperation op)
    {
        InFlight = op;
        InFlightId = $"{_idPrefix}-{++_sent}";
        return new OutgoingOperation(Revision, op, InFlightId);
    }

    private static bool FitsWith(TextOperation waiting, TextOperation op) =>
        waiting.InsertedCodePoints + op.InsertedCodePoints <= MaxComposedCodePoints &&
        waiting.Components.Count + op.Components.Count <= MaxComposedComponents;

    private static (TextOperation Local, TextOperation Remote) Exchange(TextOperation local, TextOperation remote) =>
        (TextOperation.Transform(local, remote, Side.Left), TextOperation.Transform(remote, local, Side.Right));
}
