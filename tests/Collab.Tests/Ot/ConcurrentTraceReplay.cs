using Collab.Replay.Editing;
using Collab.Replay.Replay;
using Collab.Replay.Traces;

namespace Collab.Tests.Ot;

/// <summary>
/// Replays a concurrent trace of any number of agents through one <see cref="OtAuthority"/> and an
/// <see cref="OtClient"/> per agent, running the same <see cref="DeliverySchedule"/> as the hub replay of
/// tools/Collab.Replay with in-memory hand-overs for the network: the protocol and the schedule without sockets,
/// fast enough to try many traces.
/// </summary>
public sealed class ConcurrentTraceReplay
{
    private readonly EditingTrace trace;
    private readonly OtClient[] clients;
    private readonly OutgoingOperation?[] outgoing;
    // The agent whose operation made each revision, and the next revision each agent takes (0-based).
    private readonly List<int> authors = [];
    private readonly int[] taken;

    private ConcurrentTraceReplay(EditingTrace trace)
    {
        this.trace = trace;
        Authority = new OtAuthority(trace.StartContent);
        clients = [.. Enumerable.Range(0, trace.NumAgents).Select(_ => new OtClient(trace.StartContent))];
        outgoing = new OutgoingOperation?[trace.NumAgents];
        taken = new int[trace.NumAgents];
    }

    public OtAuthority Authority { get; }

    public IReadOnlyList<OtClient> Clients => clients;

    /// <summary>The order in which the authority applied the transactions.</summary>
    public IReadOnlyList<int> ServerOrder { get; private set; } = [];

    /// <summary>The most operations one agent had waiting behind its in-flight one (how far apart the agents drifted).</summary>
    public int MostWaiting { get; private set; }

    public static ConcurrentTraceReplay Run(EditingTrace trace)
    {
        var replay = new ConcurrentTraceReplay(trace);
        var schedule = DeliverySchedule.Plan(trace);
        replay.ServerOrder = schedule.Order;
        foreach (var step in schedule.Steps)
        {
            switch (step.Action)
            {
                case DeliveryAction.Edit:
                    replay.Edit(step.Agent, step.Transaction);
                    break;
                case DeliveryAction.Take:
                    replay.Take(step.Agent);
                    break;
                case DeliveryAction.Submit:
                    replay.Submit(step.Agent);
                    break;
            }
        }
        return replay;
    }

    private void Edit(int agent, int transaction)
    {
        Hand(agent, clients[agent].Edit(trace.Transactions[transaction].ToOperation()));
        MostWaiting = Math.Max(MostWaiting, clients[agent].WaitingCount);
    }

    private void Take(int agent)
    {
        var revision = taken[agent]++;
        if (authors[revision] == agent) Hand(agent, clients[agent].ReceiveAck());
        else clients[agent].ReceiveRemote(Authority.Log[revision]);
    }

    private void Submit(int agent)
    {
        var (baseRevision, op, _) = outgoing[agent] ?? throw new InvalidOperationException($"Agent {agent} has nothing to send.");
        outgoing[agent] = null;
        Authority.Submit(checked((int)baseRevision), op);
        authors.Add(agent);
    }

    private void Hand(int agent, OutgoingOperation? message)
    {
        if (message is null) return;
        if (outgoing[agent] is not null) throw new InvalidOperationException($"Agent {agent} handed out a second operation before the first was sent.");
        outgoing[agent] = message;
    }
}
