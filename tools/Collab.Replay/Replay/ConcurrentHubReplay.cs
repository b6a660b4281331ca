using Collab.Replay.Editing;
using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// Replays a concurrent trace of any number of agents through the real hub: one <see cref="DocumentSession"/> and
/// one <see cref="OtClient"/> per agent, each editing its own copy, running a <see cref="DeliverySchedule"/>. So
/// the server applies the transactions in the schedule's server order, and every agent makes each transaction on
/// exactly the text its <c>parents</c> describe: it holds back the server's operations (which the server pushes to
/// everyone as soon as it applies them) until the schedule says it has seen them.
/// </summary>
/// <remarks>
/// The schedule is planned before the replay starts, so a trace that no server can replay fails before anything
/// is sent, with the transaction named. Every step is checked against what the server actually does (the revision
/// an operation became, who wrote the revision taken): a document that someone else edits meanwhile stops the
/// replay with a clear error rather than a wrong text.
/// </remarks>
public sealed class ConcurrentHubReplay
{
    private readonly EditingTrace _trace;
    private readonly IReadOnlyList<DocumentSession> _sessions;
    private readonly OtClient[] _clients;
    private readonly OutgoingOperation?[] _outgoing;
    private readonly Dictionary<string, int> _agentOf;
    private readonly long _openedRevision;

    private ConcurrentHubReplay(EditingTrace trace, IReadOnlyList<DocumentSession> sessions)
    {
        if (!trace.IsConcurrent) throw new ArgumentException("The trace is not concurrent.", nameof(trace));
        if (sessions.Count != trace.NumAgents) throw new ArgumentException($"One session per agent: {trace.NumAgents}, not {sessions.Count}.", nameof(sessions));
        if (sessions.Any(s => s.OpenedText != trace.StartContent || s.OpenedRevision != sessions[0].OpenedRevision))
            throw new ArgumentException("Every session must open the document at the trace's start content, at the same revision.", nameof(sessions));
        _agentOf = sessions.Select((s, agent) => (s.MemberId, agent)).ToDictionary(x => x.MemberId, x => x.agent);
        if (_agentOf.Count != sessions.Count) throw new ArgumentException("Every agent needs a member of its own.", nameof(sessions));
        _trace = trace;
        _sessions = sessions;
        _openedRevision = sessions[0].OpenedRevision;
        _clients = [.. sessions.Select(s => new OtClient(s.OpenedText, s.OpenedRevision))];
        _outgoing = new OutgoingOperation?[sessions.Count];
    }

    public IReadOnlyList<OtClient> Clients => _clients;

    /// <summary>Operations the server acknowledged.</summary>
    public int Submitted { get; private set; }

    /// <summary>The most operations one agent had waiting behind its in-flight one (how far apart the agents drifted).</summary>
    public int MostWaiting { get; private set; }

    public static async Task<ConcurrentHubReplay> RunAsync(DeliverySchedule schedule, IReadOnlyList<DocumentSession> sessions, CancellationToken cancellationToken = default)
    {
        var replay = new ConcurrentHubReplay(schedule.Trace, sessions);
        foreach (var step in schedule.Steps)
        {
            switch (step.Action)
            {
                case DeliveryAction.Edit:
                    replay.Edit(step);
                    break;
                case DeliveryAction.Take:
                    await replay.Take(step, cancellationToken);
                    break;
                case DeliveryAction.Submit:
                    await replay.Submit(step, cancellationToken);
                    break;
            }
        }
        if (replay._clients.Any(c => c.IsAwaitingAck) || replay._outgoing.Any(o => o is not null))
            throw new InvalidOperationException("The schedule ended with operations still unsent or unacknowledged.");
        return replay;
    }

    private void Edit(DeliveryStep step)
    {
        var client = _clients[step.Agent];
        Hand(step.Agent, client.Edit(_trace.Transactions[step.Transaction].ToOperation()));
        MostWaiting = Math.Max(MostWaiting, client.WaitingCount);
    }

    private async Task Take(DeliveryStep step, CancellationToken cancellationToken)
    {
        var (agent, client) = (step.Agent, _clients[step.Agent]);
        var op = await _sessions[agent].NextAsync(cancellationToken);
        var expected = _trace.Transactions[step.Transaction].Agent;
        if (op.ClientOpId == client.InFlightId && expected == agent)
        {
            Hand(agent, client.ReceiveAck());
            return;
        }
        if (!_agentOf.TryGetValue(op.AuthorId, out var author) || author != expected || author == agent)
            throw new InvalidOperationException(
                $"Revision {op.Revision} came from {op.AuthorId}, but the schedule has it as transaction {step.Transaction} of agent {expected}: did someone else edit the document?");
        client.ReceiveRemote(op.Op);
    }

    private async Task Submit(DeliveryStep step, CancellationToken cancellationToken)
    {
        var outgoing = _outgoing[step.Agent] ?? throw new InvalidOperationException($"Agent {step.Agent} has no operation to send for transaction {step.Transaction}.");
        _outgoing[step.Agent] = null;
        var revision = await _sessions[step.Agent].SubmitAsync(outgoing, cancellationToken);
        Submitted++;
        if (revision != _openedRevision + Submitted)
            throw new InvalidOperationException(
                $"Transaction {step.Transaction} became revision {revision}, not {_openedRevision + Submitted}: did someone else edit the document?");
    }

    private void Hand(int agent, OutgoingOperation? outgoing)
    {
        if (outgoing is not { } message) return;
        if (_outgoing[agent] is not null) throw new InvalidOperationException($"Agent {agent}'s client handed out a second operation before the first was sent.");
        _outgoing[agent] = message;
    }
}
