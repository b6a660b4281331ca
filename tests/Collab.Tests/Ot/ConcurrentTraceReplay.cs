using Collab.Grains.Documents.Ot;
using Collab.Replay.Editing;
using Collab.Replay.Traces;

namespace Collab.Tests.Ot;

/// <summary>
/// Replays a two-agent concurrent trace through one <see cref="OtAuthority"/> and an <see cref="OtClient"/> per
/// agent (the client the hub replay of tools/Collab.Replay runs too), with in-memory queues for the network in
/// both directions. Each agent must make every transaction on
/// exactly the text its <c>parents</c> describe, so nothing is delivered early: an operation reaches the
/// authority only when the other agent needs it, and an agent takes messages from its queue only until it has
/// what it needs. Acknowledgements are free to take at any time (they do not change the text); when an agent's
/// needed operation still waits behind its in-flight one, that agent takes its acknowledgement first.
/// </summary>
/// <remarks>
/// Why this works for two agents: the only remote operations ahead of an acknowledgement in an agent's queue
/// arrived because that agent needed them, and it took them at once. With three or more agents, an operation
/// one agent needs would queue up for the others as well, ahead of what they need, so the schedule is checked.
/// </remarks>
public sealed class ConcurrentTraceReplay
{
    private readonly EditingTrace trace;
    private readonly OtClient[] clients;
    private readonly Queue<OutgoingOperation>[] toAuthority;
    private readonly Queue<(int Author, TextOperation Op)>[] inbox;
    // received[agent][author]: operations of author that agent has applied; arrived[author]: applied by the authority.
    private readonly int[][] received;
    private readonly int[] arrived;

    private ConcurrentTraceReplay(EditingTrace trace)
    {
        if (trace.NumAgents != 2) throw new ArgumentException($"The on-demand schedule is for two agents, not {trace.NumAgents}.", nameof(trace));
        this.trace = trace;
        Authority = new OtAuthority(trace.StartContent);
        clients = [.. Enumerable.Range(0, 2).Select(_ => new OtClient(trace.StartContent))];
        toAuthority = [new(), new()];
        inbox = [new(), new()];
        received = [new int[2], new int[2]];
        arrived = new int[2];
    }

    public OtAuthority Authority { get; }

    public IReadOnlyList<OtClient> Clients => clients;

    /// <summary>The most operations one agent had waiting behind its in-flight one (how far apart the agents drifted).</summary>
    public int MostWaiting { get; private set; }

    public static ConcurrentTraceReplay Run(EditingTrace trace)
    {
        var replay = new ConcurrentTraceReplay(trace);
        replay.ReplayTransactions();
        replay.Drain();
        return replay;
    }

    private void ReplayTransactions()
    {
        var seen = trace.SeenCounts();
        for (var i = 0; i < trace.Transactions.Count; i++)
        {
            var txn = trace.Transactions[i];
            var agent = txn.Agent;
            var other = 1 - agent;
            while (received[agent][other] < seen[i][other]) TakeNextOf(agent, other);
            if (received[agent][other] != seen[i][other])
                throw new InvalidOperationException($"Transaction {i}: agent {agent} has applied {received[agent][other]} of the other agent's operations, but its parents say {seen[i][other]}.");

            Send(agent, clients[agent].Edit(txn.ToOperation()));
            MostWaiting = Math.Max(MostWaiting, clients[agent].WaitingCount);
        }
    }

    /// <summary>Lets every message through, as when both agents stay connected after the trace ends.</summary>
    private void Drain()
    {
        while (toAuthority.Any(q => q.Count > 0) || inbox.Any(q => q.Count > 0))
        {
            for (var author = 0; author < 2; author++)
                while (toAuthority[author].Count > 0) Arrive(author);
            for (var agent = 0; agent < 2; agent++)
                while (inbox[agent].Count > 0) Take(agent);
        }
    }

    /// <summary>Makes <paramref name="agent"/> apply the next operation of <paramref name="author"/>.</summary>
    private void TakeNextOf(int agent, int author)
    {
        var wanted = received[agent][author];
        while (arrived[author] <= wanted)
        {
            if (toAuthority[author].Count > 0) Arrive(author);
            else TakeAck(author);
        }
        while (received[agent][author] <= wanted) Take(agent);
    }

    /// <summary>
    /// The author's next operation waits behind its in-flight one, which has arrived; taking the acknowledgement
    /// sends it. Nothing else may be ahead of the acknowledgement, or the author would see text too early.
    /// </summary>
    private void TakeAck(int author)
    {
        if (!inbox[author].TryPeek(out var next) || next.Author != author)
            throw new InvalidOperationException($"Agent {author} would have to apply an operation it has not seen yet to hear its acknowledgement.");
        Take(author);
    }

    private void Arrive(int author)
    {
        var (baseRevision, op, _) = toAuthority[author].Dequeue();
        var applied = Authority.Submit(checked((int)baseRevision), op);
        arrived[author]++;
        foreach (var queue in inbox) queue.Enqueue((author, applied));
    }

    private void Take(int agent)
    {
        var (author, op) = inbox[agent].Dequeue();
        if (author == agent)
        {
            Send(agent, clients[agent].ReceiveAck());
            return;
        }
        clients[agent].ReceiveRemote(op);
        received[agent][author]++;
    }

    private void Send(int agent, OutgoingOperation? outgoing)
    {
        if (outgoing is { } message) toAuthority[agent].Enqueue(message);
    }
}
