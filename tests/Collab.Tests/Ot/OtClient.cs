using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>An operation for the authority, with the revision of the authority's log it was made on.</summary>
public readonly record struct OutgoingOperation(int BaseRevision, TextOperation Op);

/// <summary>
/// The client side of client/server OT (the ot.js model): local edits apply at once; at most one is in flight to
/// the authority and the rest wait in order, so the authority never sees two operations of one client based
/// on the same revision. Operations received from the authority are transformed over the in-flight and waiting
/// ones before they are applied. Waiting operations are kept one by one rather than composed, so a test can let
/// the authority see exactly the edits the other side is meant to have seen.
/// </summary>
public sealed class OtClient(string text = "")
{
    private readonly List<TextOperation> waiting = [];
    private TextOperation? inFlight;

    public TextDocument Document { get; } = new(text);

    /// <summary>The authority revision this client has caught up with (its own acknowledged ops included).</summary>
    public int Revision { get; private set; }

    public bool IsAwaitingAck => inFlight is not null;

    public int WaitingCount => waiting.Count;

    /// <summary>Applies a local edit; returns it to send now, or null when it must wait behind the one in flight.</summary>
    public OutgoingOperation? Edit(TextOperation op)
    {
        Document.Apply(op);
        if (inFlight is null)
        {
            inFlight = op;
            return new OutgoingOperation(Revision, op);
        }
        waiting.Add(op);
        return null;
    }

    /// <summary>The authority applied our in-flight operation; returns the next one to send, if any.</summary>
    public OutgoingOperation? ReceiveAck()
    {
        if (inFlight is null) throw new InvalidOperationException("An acknowledgement arrived with nothing in flight.");
        Revision++;
        inFlight = null;
        if (waiting.Count == 0) return null;
        inFlight = waiting[0];
        waiting.RemoveAt(0);
        return new OutgoingOperation(Revision, inFlight);
    }

    /// <summary>
    /// Applies another client's operation as the authority applied it. It was made without our unacknowledged
    /// edits, so it is moved past each of them, and each of them past it (they will reach the authority after it).
    /// Returns the operation as applied here, which is what an editor and remote cursors need.
    /// </summary>
    public TextOperation ReceiveRemote(TextOperation op)
    {
        if (inFlight is not null) (inFlight, op) = Exchange(inFlight, op);
        for (var i = 0; i < waiting.Count; i++) (waiting[i], op) = Exchange(waiting[i], op);
        Document.Apply(op);
        Revision++;
        return op;
    }

    private static (TextOperation Local, TextOperation Remote) Exchange(TextOperation local, TextOperation remote) =>
        (TextOperation.Transform(local, remote, Side.Left), TextOperation.Transform(remote, local, Side.Right));
}
