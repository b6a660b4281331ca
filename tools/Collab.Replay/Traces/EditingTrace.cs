using System.IO.Compression;
using System.Text.Json;
using Collab.Grains.Documents.Ot;

namespace Collab.Replay.Traces;

/// <summary>One edit of a trace: Array.splice on code points (delete, then insert, at one position).</summary>
public readonly record struct TracePatch(int Position, int DeleteCount, string InsertText)
{
    public TextOperation ToOperation() => TextOperation.Splice(Position, DeleteCount, InsertText);
}

/// <summary>
/// One transaction of a trace. In a concurrent trace <see cref="Parents"/> name the earlier transactions whose
/// effects the agent had seen: its patches are positioned in the text after merging exactly those.
/// </summary>
public sealed record TraceTransaction(int Agent, IReadOnlyList<int> Parents, IReadOnlyList<TracePatch> Patches)
{
    /// <summary>The whole transaction as one operation: its patches apply one after the other.</summary>
    public TextOperation ToOperation() =>
        Patches.Aggregate(TextOperation.Empty, (op, patch) => TextOperation.Compose(op, patch.ToOperation()));
}

/// <summary>
/// A recorded editing history in the format of josephg/editing-traces: gzipped
/// <c>{endContent, txns: [{patches: [[pos, delCount, insText], ...]}]}</c>, plus <c>agent</c> and <c>parents</c>
/// per transaction (and <c>numAgents</c>) in concurrent traces.
/// </summary>
public sealed record EditingTrace(string StartContent, string EndContent, int NumAgents, IReadOnlyList<TraceTransaction> Transactions)
{
    public int PatchCount => Transactions.Sum(t => t.Patches.Count);

    /// <summary>True when several agents edited their own copies concurrently (the trace has <c>parents</c>).</summary>
    public bool IsConcurrent => NumAgents > 1;

    /// <summary>
    /// For each transaction, how many transactions of each agent it has seen (its parents, transitively). An agent
    /// edits its own copy in order, so what it has seen of any agent is a prefix of that agent's transactions and
    /// a count says it all; a trace breaking that is refused.
    /// </summary>
    public int[][] SeenCounts()
    {
        var seen = new int[Transactions.Count][];
        var ordinal = new int[Transactions.Count];
        var made = new int[NumAgents];
        for (var i = 0; i < Transactions.Count; i++)
        {
            var txn = Transactions[i];
            ordinal[i] = made[txn.Agent]++;
            seen[i] = new int[NumAgents];
            foreach (var parent in txn.Parents)
            {
                for (var agent = 0; agent < NumAgents; agent++) seen[i][agent] = Math.Max(seen[i][agent], seen[parent][agent]);
                var parentAgent = Transactions[parent].Agent;
                seen[i][parentAgent] = Math.Max(seen[i][parentAgent], ordinal[parent] + 1);
            }
            if (seen[i][txn.Agent] != ordinal[i])
                throw new InvalidDataException($"Transaction {i} of agent {txn.Agent} has not seen all of its agent's earlier transactions.");
        }
        return seen;
    }

    /// <summary>Reads a gzipped trace file (a plain <c>.json</c> file is read as it is).</summary>
    public static EditingTrace Load(string path)
    {
        using var file = File.OpenRead(path);
        using var content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : (Stream)file;
        using var json = JsonDocument.Parse(content);
        var root = json.RootElement;
        var transactions = root.GetProperty("txns").EnumerateArray().Select(ReadTransaction).ToList();
        return new EditingTrace(
            root.TryGetProperty("startContent", out var start) ? start.GetString()! : "",
            root.GetProperty("endContent").GetString()!,
            root.TryGetProperty("numAgents", out var agents) ? agents.GetInt32() : 1,
            transactions);
    }

    private static TraceTransaction ReadTransaction(JsonElement txn)
    {
        var agent = txn.TryGetProperty("agent", out var a) ? a.GetInt32() : 0;
        var parents = txn.TryGetProperty("parents", out var p) ? p.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [];
        var patches = txn.GetProperty("patches").EnumerateArray()
            .Select(patch => new TracePatch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!))
            .ToArray();
        return new TraceTransaction(agent, parents, patches);
    }
}
