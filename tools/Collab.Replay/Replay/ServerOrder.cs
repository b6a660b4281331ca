using System.Text;
using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// The order in which the server must apply a concurrent trace's transactions so that every agent can make each of
/// its transactions on exactly the text the transaction's <c>parents</c> describe.
/// </summary>
/// <remarks>
/// <para>
/// Why an order is needed at all: under client/server OT an agent's copy is always a prefix of the server's log
/// (what it has received, in order) plus its own operations. So when agent a makes transaction t, the other
/// agents' transactions it has seen must be exactly those in some prefix of the log. With two agents that is
/// any order that keeps parents first (what one other agent did is always a prefix of its own edits); with three
/// or more it is a real constraint: if t saw b's 5th edit but not c's 2nd, the log must hold b's 5th before c's 2nd.
/// </para>
/// <para>
/// The algorithm: one node per transaction and three kinds of edges, x → y meaning "x is applied before y":
/// each agent's own order; each transaction after the last edit it saw of every other agent (its parents); and
/// for every transaction t, the last edit t saw of each other agent before the first edit t did not see of each
/// other agent ("seen before unseen", the rule above). A topological order of these edges (Kahn's algorithm,
/// taking the lowest trace index first, so a trace that is already in a valid order keeps it) is a server order:
/// for every t, all it saw precedes all it did not see, so the prefix of the log up to its last seen edit holds
/// exactly its parents, and that prefix precedes t. Conversely every valid server order satisfies each edge,
/// so when the edges have a cycle no server order exists: the trace was made by agents exchanging edits as peers
/// (a CRDT can do that; one server log cannot). Then the replay fails before anything is sent, naming a
/// transaction whose view no order can give and the cycle of constraints that rules it out.
/// </para>
/// <para>
/// Cost: views that repeat the agent's previous view add nothing new and are skipped, so the edges number about
/// (agents − 1)² per change of view: linear in the trace for a fixed number of agents.
/// </para>
/// </remarks>
public static class ServerOrder
{
    /// <summary>The transaction indexes in the order the server must apply them.</summary>
    /// <param name="seen">The trace's <see cref="EditingTrace.SeenCounts"/>.</param>
    /// <exception cref="InvalidDataException">No server order gives every transaction its parents.</exception>
    public static int[] Compute(EditingTrace trace, int[][] seen)
    {
        var graph = Constraints(trace, seen);
        var count = trace.Transactions.Count;
        var inDegree = new int[count];
        foreach (var edges in graph) foreach (var edge in edges) inDegree[edge.To]++;

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++) if (inDegree[i] == 0) ready.Enqueue(i, i);
        var order = new List<int>(count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var edge in graph[next]) if (--inDegree[edge.To] == 0) ready.Enqueue(edge.To, edge.To);
        }
        if (order.Count < count) throw Unorderable(trace, graph, inDegree);
        return [.. order];
    }

    /// <summary>An edge: <see cref="From"/> is applied before <see cref="To"/> because of <see cref="Reason"/>'s view (−1: the agent's own order).</summary>
    private readonly record struct Constraint(int From, int To, int Reason);

    /// <summary>The outgoing edges of every transaction.</summary>
    private static List<Constraint>[] Constraints(EditingTrace trace, int[][] seen)
    {
        var txns = trace.Transactions;
        var agents = trace.NumAgents;
        var byAgent = ByAgent(trace);
        var graph = new List<Constraint>[txns.Count];
        for (var i = 0; i < txns.Count; i++) graph[i] = [];
        var previous = new int[agents];
        Array.Fill(previous, -1);

        for (var t = 0; t < txns.Count; t++)
        {
            var a = txns[t].Agent;
            if (previous[a] >= 0) graph[previous[a]].Add(new(previous[a], t, -1));
            var sameView = previous[a] >= 0 && OthersEqual(seen[previous[a]], seen[t], a);
            previous[a] = t;
            if (sameView) continue; // everything below was already required of the agent's previous transaction

            for (var b = 0; b < agents; b++)
            {
                if (b == a || seen[t][b] == 0) continue;
                var lastSeen = byAgent[b][seen[t][b] - 1];
                graph[lastSeen].Add(new(lastSeen, t, t));
                for (var c = 0; c < agents; c++)
                {
                    // c == b: b's own order, already an edge.
                    if (c == a || c == b || seen[t][c] == byAgent[c].Count) continue;
                    graph[lastSeen].Add(new(lastSeen, byAgent[c][seen[t][c]], t));
                }
            }
        }
        return graph;
    }

    private static bool OthersEqual(int[] before, int[] now, int agent)
    {
        for (var b = 0; b < before.Length; b++) if (b != agent && before[b] != now[b]) return false;
        return true;
    }

    private static List<int>[] ByAgent(EditingTrace trace)
    {
        var byAgent = new List<int>[trace.NumAgents];
        for (var a = 0; a < byAgent.Length; a++) byAgent[a] = [];
        for (var t = 0; t < trace.Transactions.Count; t++) byAgent[trace.Transactions[t].Agent].Add(t);
        return byAgent;
    }

    /// <summary>
    /// Kahn's algorithm stopped with transactions left, each with an unplaced predecessor: walking back along
    /// such predecessors must meet itself, and that cycle is the contradiction to report.
    /// </summary>
    private static InvalidDataException Unorderable(EditingTrace trace, List<Constraint>[] graph, int[] inDegree)
    {
        var before = new List<Constraint>[graph.Length];
        for (var i = 0; i < graph.Length; i++) before[i] = [];
        foreach (var edges in graph) foreach (var edge in edges) if (inDegree[edge.From] > 0 && inDegree[edge.To] > 0) before[edge.To].Add(edge);

        var start = Array.FindIndex(inDegree, d => d > 0);
        var path = new List<Constraint>();
        var visited = new Dictionary<int, int>();
        for (var node = start; !visited.ContainsKey(node); node = path[^1].From)
        {
            visited[node] = path.Count;
            path.Add(before[node][0]);
        }
        var cycle = path[visited[path[^1].From]..];
        cycle.Reverse();

        // Parents and an agent's own order only point forward in the trace, so a cycle always holds a view's edge.
        var culprit = cycle.First(e => e.Reason >= 0 && e.To != e.Reason);
        var txns = trace.Transactions;
        var chain = new StringBuilder().Append(cycle[0].From);
        foreach (var edge in cycle) chain.Append($" → {edge.To} ({Why(edge)})");
        return new InvalidDataException(
            $"Transaction {culprit.Reason} (agent {txns[culprit.Reason].Agent}) cannot be replayed through one server: it saw transaction " +
            $"{culprit.From} (agent {txns[culprit.From].Agent}) but not transaction {culprit.To} (agent {txns[culprit.To].Agent}), " +
            $"and no order of the server's log lets every agent see exactly its transactions' parents. The views contradict each other in a cycle " +
            $"(x → y: x must be applied before y): {chain}.");

        string Why(Constraint edge) =>
            edge.Reason < 0 ? $"agent {txns[edge.To].Agent}'s own order"
            : edge.To == edge.Reason ? $"{edge.To} saw {edge.From}"
            : $"transaction {edge.Reason} saw {edge.From} but not {edge.To}";
    }
}
