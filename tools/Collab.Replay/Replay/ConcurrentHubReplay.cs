using Collab.Replay.Editing;
using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// Replays a two-agent concurrent trace through the real hub: one <see cref="DocumentSession"/> and one
/// <see cref="OtClient"/> per agent, each editing its own copy. Every transaction must be made on exactly the text
/// its <c>parents</c> describe, so nothing is early: an agent's operation is submitted only when the other agent
/// needs it, and an agent applies the server's operations (which the server pushes to both as soon as it applies
/// them) only until it has what it needs. Acknowledgements may be taken at any time (they change no text); when
/// an agent's needed operation still waits behind its in-flight one, that agent takes its acknowledgement first.
/// </summary>
/// <remarks>
/// The same schedule as the in-memory replay that proved the protocol (tests/Collab.Tests/Ot/ConcurrentTraceReplay),
/// with the server in place of the in-memory authority. It works for two agents: the only remote operations ahead
/// of an acknowledgement in an agent's stream arrived because that agent needed them, and it took them at once.
/// </remarks>
public sealed class ConcurrentHubReplay
{
    private readonly EditingTrace _trace;
    private readonly IReadOnlyList<DocumentSession> _sessions;
    private readonly OtClient[] _clients;
    private readonly Queue<OutgoingOperation>[] _toServer = [new(), new()];
    private readonly Dictionary<string, int> _agentOf;
    // _received[agent][author]: operations of author that agent has applied; _arrived[author]: applied by the server.
    private readonly int[][] _received = [new int[2], new int[2]];
    private readonly int[] _arrived = new int[2];

    private ConcurrentHubReplay(EditingTrace trace, IReadOnlyList<DocumentSession> sessions)
    {
        if (trace.NumAgents != 2) throw new ArgumentException($"The on-demand schedule is for two agents, not {trace.NumAgents}.", nameof(trace));
        if (sessions.Count != 2) throw new ArgumentException("One session per agent.", nameof(sessions));
        if (sessions.Any(s => s.OpenedText != trace.StartContent))
            throw new ArgumentException("Both sessions must open the document at the trace's start content.", nameof(sessions));
        _trace = trace;
        _sessions = sessions;
        _clients = [.. sessions.Select(s => new OtClient(s.OpenedText, s.OpenedRevision))];
        _agentOf = new() { [sessions[0].MemberId] = 0, [sessions[1].MemberId] = 1 };
    }

    public IReadOnlyList<OtClient> Clients => _clients;

    /// <summary>Operations the server acknowledged.</summary>
    public int Submitted => _arrived.Sum();

    /// <summary>The most operations one agent had waiting behind its in-flight one (how far apart the agents drifted).</summary>
    public int MostWaiting { get; private set; }

    public static async Task<ConcurrentHubReplay> RunAsync(EditingTrace trace, IReadOnlyList<DocumentSession> sessions, CancellationToken cancellationToken = default)
    {
        var replay = new ConcurrentHubReplay(trace, sessions);
        await replay.ReplayTransactions(cancellationToken);
        await replay.Drain(cancellationToken);
        return replay;
    }

    private async Task ReplayTransactions(CancellationToken cancellationToken)
    {
        var seen = _trace.SeenCounts();
        for (var i = 0; i < _trace.Transactions.Count; i++)
        {
            var txn = _trace.Transactions[i];
            var agent = txn.Agent;
            var other = 1 - agent;
            while (_received[agent][other] < seen[i][other]) await TakeNextOf(agent, other, cancellationToken);
            if (_received[agent][other] != seen[i][other])
                throw new InvalidOperationException($"Transaction {i}: agent {agent} has applied {_received[agent][other]} of the other agent's operations, but its parents say {seen[i][other]}.");

            Send(agent, _clients[agent].Edit(txn.ToOperation()));
            MostWaiting = Math.Max(MostWaiting, _clients[agent].WaitingCount);
        }
    }

    /// <summary>Lets everything through, as when both agents stay connected after the trace ends.</summary>
    private async Task Drain(CancellationToken cancellationToken)
    {
        while (_toServer.Any(q => q.Count > 0) || _clients.Any(c => c.IsAwaitingAck) || _sessions.Any(s => s.Taken < ServerRevision))
        {
            for (var author = 0; author < 2; author++)
                while (_toServer[author].Count > 0) await Arrive(author, cancellationToken);
            for (var agent = 0; agent < 2; agent++)
                while (_sessions[agent].Taken < ServerRevision) await Take(agent, cancellationToken);
        }
    }

    private long ServerRevision => _sessions[0].OpenedRevision + Submitted;

    /// <summary>Makes <paramref name="agent"/> apply the next operation of <paramref name="author"/>.</summary>
    private async Task TakeNextOf(int agent, int author, CancellationToken cancellationToken)
    {
        var wanted = _received[agent][author];
        while (_arrived[author] <= wanted)
        {
            if (_toServer[author].Count > 0) await Arrive(author, cancellationToken);
            else await TakeAck(author, cancellationToken);
        }
        while (_received[agent][author] <= wanted) await Take(agent, cancellationToken);
    }

    /// <summary>
    /// The author's next operation waits behind its in-flight one, which the server has applied; taking the
    /// acknowledgement sends it. Nothing else may be ahead of the acknowledgement, or the author would see text too early.
    /// </summary>
    private async Task TakeAck(int author, CancellationToken cancellationToken)
    {
        var next = await _sessions[author].PeekAsync(cancellationToken);
        if (next.ClientOpId != _clients[author].InFlightId)
            throw new InvalidOperationException($"Agent {author} would have to apply an operation it has not seen yet to hear its acknowledgement.");
        await Take(author, cancellationToken);
    }

    private async Task Arrive(int author, CancellationToken cancellationToken)
    {
        await _sessions[author].SubmitAsync(_toServer[author].Dequeue(), cancellationToken);
        _arrived[author]++;
    }

    private async Task Take(int agent, CancellationToken cancellationToken)
    {
        var op = await _sessions[agent].NextAsync(cancellationToken);
        if (op.ClientOpId == _clients[agent].InFlightId)
        {
            Send(agent, _clients[agent].ReceiveAck());
            return;
        }
        _clients[agent].ReceiveRemote(op.Op);
        _received[agent][_agentOf[op.AuthorId]]++;
    }

    private void Send(int agent, OutgoingOperation? outgoing)
    {
        if (outgoing is { } message) _toServer[agent].Enqueue(message);
    }
}
