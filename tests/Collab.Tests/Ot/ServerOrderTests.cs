using Collab.Replay.Replay;
using Collab.Replay.Traces;

namespace Collab.Tests.Ot;

/// <summary>The server order of a concurrent trace: every transaction's view of the others must be a prefix of the log.</summary>
public sealed class ServerOrderTests
{
    [Fact]
    public void A_two_agent_trace_keeps_its_own_order()
    {
        var trace = SharedTraces.Load(SharedTraces.ConcurrentFile);

        var order = ServerOrder.Compute(trace, trace.SeenCounts());

        Assert.Equal(Enumerable.Range(0, trace.Transactions.Count), order);
    }

    [Fact]
    public void Generated_traces_of_three_to_five_agents_get_an_order_in_which_every_transaction_saw_exactly_a_prefix_of_the_log()
    {
        var traceOrderFailed = 0;
        for (var seed = 1; seed <= 30; seed++)
        {
            var trace = ConcurrentTraceGenerator.Load(3 + seed % 3, 400, seed);
            var seen = trace.SeenCounts();

            var order = ServerOrder.Compute(trace, seen);

            Assert.Equal(Enumerable.Range(0, trace.Transactions.Count), order.Order());
            Assert.Null(FirstWrongView(trace, seen, order));
            if (FirstWrongView(trace, seen, [.. Enumerable.Range(0, trace.Transactions.Count)]) is not null) traceOrderFailed++;
        }
        // The generated traces need the computed order: in their own order some agent would see too much or too little.
        Assert.True(traceOrderFailed >= 20, $"only {traceOrderFailed} of 30 generated traces are out of server order");
    }

    [Fact]
    public void A_trace_whose_views_no_server_log_can_give_is_refused_naming_the_transaction()
    {
        // Three agents exchanging edits as peers: 4 saw 0 but not 1, 5 saw 2 but not 3, 6 saw 3 but not 0, and 1
        // comes before 2. So 0 < 1 < 2 < 3 < 0 in any log.
        var trace = new EditingTrace("", "", 3,
        [
            Txn(2), // 0: c1
            Txn(0), // 1: a1
            Txn(0, 1), // 2: a2
            Txn(1), // 3: b1
            Txn(1, 3, 0), // 4: b2 saw c1, not a1
            Txn(2, 0, 2), // 5: c2 saw a1 and a2, not b1
            Txn(0, 2, 3), // 6: a3 saw b1, not c1
        ]);

        var error = Assert.Throws<InvalidDataException>(() => DeliverySchedule.Plan(trace));

        Assert.StartsWith("Transaction ", error.Message);
        Assert.Contains("cannot be replayed through one server", error.Message);
        Assert.Matches(@"Transaction [456] \(agent \d\) cannot be replayed", error.Message);
        Assert.Contains("transaction 4 saw 0 but not 1", error.Message);
        Assert.Contains("transaction 5 saw 2 but not 3", error.Message);
        Assert.Contains("transaction 6 saw 3 but not 0", error.Message);
    }

    private static TraceTransaction Txn(int agent, params int[] parents) => new(agent, parents, [new TracePatch(0, 0, "x")]);

    /// <summary>The first transaction whose agent, under <paramref name="order"/>, could not have seen exactly its parents; null when there is none.</summary>
    private static int? FirstWrongView(EditingTrace trace, int[][] seen, IReadOnlyList<int> order)
    {
        var position = new int[order.Count];
        for (var i = 0; i < order.Count; i++) position[order[i]] = i;
        var byAgent = Enumerable.Range(0, trace.NumAgents)
            .Select(a => Enumerable.Range(0, trace.Transactions.Count).Where(t => trace.Transactions[t].Agent == a).ToArray()).ToArray();
        for (var t = 0; t < trace.Transactions.Count; t++)
        {
            var agent = trace.Transactions[t].Agent;
            var others = Enumerable.Range(0, trace.NumAgents).Where(b => b != agent).ToArray();
            // The log prefix the agent saw ends with the last edit it saw; everything it did not see must come later.
            var lastSeen = others.Where(b => seen[t][b] > 0).Select(b => position[byAgent[b][seen[t][b] - 1]]).DefaultIfEmpty(-1).Max();
            var firstUnseen = others.Where(b => seen[t][b] < byAgent[b].Length).Select(b => position[byAgent[b][seen[t][b]]]).DefaultIfEmpty(int.MaxValue).Min();
            var ownBefore = seen[t][agent] == 0 ? -1 : position[byAgent[agent][seen[t][agent] - 1]];
            if (lastSeen > firstUnseen || lastSeen > position[t] || ownBefore > position[t]) return t;
        }
        return null;
    }
}
