using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Collab.Grains.Documents.Ot;
using Collab.Replay.Traces;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Ot;

/// <summary>
/// Makes concurrent editing traces in the josephg/editing-traces format (agent, parents and patches per
/// transaction; numAgents, startContent, endContent) by simulating agents that edit their own copies at random
/// moments and talk to one in-memory OT server (<see cref="OtAuthority"/>) over links with random delays, each
/// link first in, first out. A transaction's parents are what its agent had applied when it made it. endContent
/// is the server's text once everything has been delivered, and every agent's copy must agree with it.
/// </summary>
/// <remarks>
/// The server applies operations in whatever order they happen to arrive, and an agent composes what it types
/// during a round trip into one operation; neither is written into the trace. A replay has to find a server order
/// from the parents alone, and with three or more agents and uneven links the trace's own order is seldom one.
/// </remarks>
public static class ConcurrentTraceGenerator
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const int StartLettersPerAgent = 3;

    public static string Json(int agents, int transactions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(agents, Letters.Length / 2);
        var random = new Random(seed);
        // Agent k owns the letters k, k + n, k + 2n, ... and one beyond U+FFFF (bold a, b, ...), so positions must count code points.
        var alphabets = Enumerable.Range(0, agents)
            .Select(k => string.Concat(Letters.Where((_, i) => i % agents == k)) + char.ConvertFromUtf32(0x1D41A + k)).ToArray();
        var owners = new Dictionary<int, int>();
        for (var k = 0; k < agents; k++) foreach (var rune in alphabets[k].EnumerateRunes()) owners[rune.Value] = k;
        // A few letters of every agent, its letter beyond U+FFFF among them (never deleted), shuffled.
        var start = string.Concat(Enumerable.Range(0, agents)
            .SelectMany(k => Enumerable.Range(1, StartLettersPerAgent).Select(_ => Rune(alphabets[k], random)).Append(char.ConvertFromUtf32(0x1D41A + k)))
            .OrderBy(_ => random.Next()));

        var server = new OtAuthority(start);
        var network = new Network(agents, random);
        var editors = Enumerable.Range(0, agents)
            .Select(k => new SimulatedAgent(k, agents, string.Concat(alphabets), start, rune => owners.TryGetValue(rune, out var owner) ? owner : null, random)).ToArray();
        var txns = new List<object>();
        for (var tick = 0; txns.Count < transactions || network.Busy || editors.Any(e => !e.IsIdle); tick++)
        {
            foreach (var (author, baseRevision, op, last) in network.ArrivingAtServer(tick))
            {
                server.Submit(checked((int)baseRevision), op);
                network.Broadcast(tick, author, last);
            }
            for (var k = 0; k < agents; k++)
            {
                foreach (var (revision, author, last) in network.ArrivingAt(k, tick))
                {
                    if (author != k) editors[k].Receive(server.Log[revision], author, last);
                    else if (editors[k].Acknowledged()) Send(editors[k], network, tick);
                }
            }
            foreach (var k in Enumerable.Range(0, agents).OrderBy(_ => random.Next()))
            {
                if (txns.Count == transactions || random.NextDouble() >= network.TypingChance(k)) continue;
                var (patches, parents, send) = editors[k].Edit(txns.Count);
                txns.Add(new { agent = k, parents, patches });
                if (send) Send(editors[k], network, tick);
            }
        }

        var end = server.Document.ToString();
        if (editors.FirstOrDefault(e => e.Document.ToString() != end) is { } diverged)
            throw new InvalidOperationException($"The generator's own simulation diverged: agent {diverged.Id} ends at another text than the server (seed {seed}).");
        return JsonSerializer.Serialize(new { kind = "concurrent", numAgents = agents, startContent = start, endContent = end, txns });
    }

    /// <summary>A generated trace written as a .json.gz file and read back by <see cref="EditingTrace.Load"/>, as the replay tool reads any trace.</summary>
    public static EditingTrace Load(int agents, int transactions, int seed)
    {
        using var folder = new TempFolder();
        var path = folder.File($"generated-{agents}-agents-{seed}.json.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Json(agents, transactions, seed)));
        return EditingTrace.Load(path);
    }

    private static void Send(SimulatedAgent editor, Network network, int tick)
    {
        var (op, last) = editor.InFlight!.Value;
        network.Send(tick, editor.Id, editor.Revision, op, last);
    }

    private static string Rune(string alphabet, Random random)
    {
        var runes = alphabet.EnumerateRunes().ToArray();
        return runes[random.Next(runes.Length)].ToString();
    }

    /// <summary>
    /// The links: one to the server and one back per agent, each first in, first out, with its own typical delay
    /// and now and then a stall, so that agents drift apart by many operations and catch up in bursts.
    /// </summary>
    private sealed class Network
    {
        private readonly Random _random;
        private readonly int[] _slowness;
        private readonly double[] _typing;
        private readonly Queue<(int Due, int Author, long BaseRevision, TextOperation Op, int Last)>[] _up;
        private readonly Queue<(int Due, int Revision, int Author, int Last)>[] _down;
        private readonly int[] _upDue, _downDue;
        private int _revisions;

        public Network(int agents, Random random)
        {
            _random = random;
            _slowness = [.. Enumerable.Range(0, agents).Select(_ => new[] { 0, 3, 10, 25 }[random.Next(4)])];
            _typing = [.. Enumerable.Range(0, agents).Select(_ => 0.2 + 0.6 * random.NextDouble())];
            _up = [.. Enumerable.Range(0, agents).Select(_ => new Queue<(int, int, long, TextOperation, int)>())];
            _down = [.. Enumerable.Range(0, agents).Select(_ => new Queue<(int, int, int, int)>())];
            (_upDue, _downDue) = (new int[agents], new int[agents]);
        }

        public bool Busy => _up.Any(q => q.Count > 0) || _down.Any(q => q.Count > 0);

        public double TypingChance(int agent) => _typing[agent];

        public void Send(int tick, int agent, long baseRevision, TextOperation op, int last) =>
            _up[agent].Enqueue((Due(ref _upDue[agent], tick, agent), agent, baseRevision, op, last));

        /// <summary>The operations reaching the server now, agents taken in a random order.</summary>
        public IEnumerable<(int Author, long BaseRevision, TextOperation Op, int Last)> ArrivingAtServer(int tick)
        {
            foreach (var queue in _up.OrderBy(_ => _random.Next()))
            {
                while (queue.TryPeek(out var m) && m.Due <= tick)
                {
                    queue.Dequeue();
                    yield return (m.Author, m.BaseRevision, m.Op, m.Last);
                }
            }
        }

        /// <summary>The server applied the next revision: it goes to every agent (to its author as the acknowledgement).</summary>
        public void Broadcast(int tick, int author, int last)
        {
            for (var k = 0; k < _down.Length; k++) _down[k].Enqueue((Due(ref _downDue[k], tick, k), _revisions, author, last));
            _revisions++;
        }

        public IEnumerable<(int Revision, int Author, int Last)> ArrivingAt(int agent, int tick)
        {
            while (_down[agent].TryPeek(out var m) && m.Due <= tick)
            {
                _down[agent].Dequeue();
                yield return (m.Revision, m.Author, m.Last);
            }
        }

        private int Due(ref int lastDue, int tick, int agent)
        {
            var delay = _random.Next(_slowness[agent] + 1) + (_random.Next(50) == 0 ? _random.Next(20, 80) : 0);
            return lastDue = Math.Max(lastDue, tick + delay);
        }
    }
}
