using Collab.Replay.Editing;
using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// Replays a single-author trace through one <see cref="DocumentSession"/> as an editor would: every edit applies
/// locally at once, one operation is in flight, and what is typed meanwhile is composed into the next operation.
/// With <c>composeWaiting</c> off, each edit is its own operation and waits for the previous acknowledgement
/// (one server round trip per edit).
/// </summary>
public sealed class SequentialHubReplay
{
    private readonly DocumentSession _session;
    private readonly OtClient _client;
    private Task<long>? _inFlight;

    private SequentialHubReplay(DocumentSession session, bool composeWaiting)
    {
        _session = session;
        _client = new OtClient(session.OpenedText, session.OpenedRevision, composeWaiting);
    }

    public OtClient Client => _client;

    /// <summary>Operations the server acknowledged.</summary>
    public int Submitted { get; private set; }

    public static async Task<SequentialHubReplay> RunAsync(EditingTrace trace, DocumentSession session, bool composeWaiting, CancellationToken cancellationToken = default)
    {
        if (session.OpenedText != trace.StartContent)
            throw new ArgumentException("The session must open the document at the trace's start content.", nameof(session));
        var replay = new SequentialHubReplay(session, composeWaiting);
        foreach (var txn in trace.Transactions)
        {
            foreach (var patch in txn.Patches)
            {
                replay.Send(replay._client.Edit(patch.ToOperation()), cancellationToken);
                // Typing does not wait for the network; the acknowledgement is taken whenever it is there.
                if (!composeWaiting || replay._inFlight is { IsCompleted: true }) await replay.Settle(cancellationToken);
            }
        }
        while (replay._client.IsAwaitingAck) await replay.Settle(cancellationToken);
        return replay;
    }

    /// <summary>Waits for the in-flight operation's acknowledgement, applying anyone else's operations before it.</summary>
    private async Task Settle(CancellationToken cancellationToken)
    {
        if (_inFlight is null) return;
        await _inFlight;
        while (true)
        {
            var op = await _session.NextAsync(cancellationToken);
            if (op.ClientOpId != _client.InFlightId)
            {
                _client.ReceiveRemote(op.Op);
                continue;
            }
            _inFlight = null;
            Send(_client.ReceiveAck(), cancellationToken);
            return;
        }
    }

    private void Send(OutgoingOperation? outgoing, CancellationToken cancellationToken)
    {
        if (outgoing is not { } message) return;
        _inFlight = _session.SubmitAsync(message, cancellationToken);
        Submitted++;
    }
}
