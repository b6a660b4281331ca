using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Documents.Ot;
using Collab.Grains.Storage;
using Collab.Hosting.Storage.Sqlite;
using Collab.Replay.Traces;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;

namespace Collab.Bench.Scenarios;

/// <summary>
/// The B4 editing trace (automerge-paper) through Collab's OT document engine, then through the document
/// grain (one call per edit, then 32 concurrent callers) and the hub (one connection, one acknowledged edit at a time); baselines in the
/// same run: Yjs and plain string splicing in Node (baselines/ot-baselines.mjs) on the same edits.
/// </summary>
public static class OtScenario
{
    /// <summary>Whole runs of the trace through the engine and through each Node baseline; each side reports its fastest.</summary>
    private const int EngineRuns = 3;

    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick, string tracePath, string baselines)
    {
        if (!File.Exists(tracePath))
        {
            report.Line($"ot: skipped, no trace at {tracePath}");
            return;
        }
        var trace = EditingTrace.Load(tracePath);
        var patches = trace.Transactions.SelectMany(t => t.Patches).ToList();
        var engineEdits = quick ? Math.Min(30_000, patches.Count) : patches.Count;
        report.Line($"ot: {Path.GetFileName(tracePath)}, {patches.Count:N0} edits; engine on {engineEdits:N0}");

        // The engine, in this process: the fastest of EngineRuns whole runs, each on a fresh document, as the Node
        // baselines take the fastest of as many (both sides then measure compiled code, not their first warm-up).
        var expected = engineEdits == patches.Count ? trace.EndContent : Splice(trace.StartContent, patches.Take(engineEdits));
        var fastest = TimeSpan.MaxValue;
        for (var run = 0; run < EngineRuns; run++)
        {
            var engine = Stopwatch.StartNew();
            var document = new TextDocument(trace.StartContent);
            foreach (var patch in patches.Take(engineEdits)) document.Apply(patch.ToOperation());
            engine.Stop();
            if (document.ToString() != expected) throw new InvalidOperationException("The OT engine's end text differs from the trace's.");
            if (engine.Elapsed < fastest) fastest = engine.Elapsed;
        }
        var engineRate = engineEdits / fastest.TotalSeconds;
        report.Line($"  engine: {engineRate:N0} edits/s (fastest of {EngineRuns} runs: {fastest.TotalMilliseconds:N0} ms), end text checked");

        var node = await NodeBaselines(baselines, tracePath, engineEdits, report);
        foreach (var (name, rate) in node)
            report.Figure("ot", $"engine vs {name}, {engineEdits:N0} edits", $"{engineRate:N0} edits/s", $"{rate:N0} edits/s", engineRate / rate);

        // The grain: one call per edit, each waiting for the one before.
        var grainEdits = Math.Min(quick ? 2_000 : 20_000, patches.Count);
        var owner = await collab.SignInAsync("ot-owner");
        var circleId = (await collab.PostAsync(owner, "/api/circles", new { name = "Bench OT" })).GetProperty("id").GetString()!;
        var grainDoc = (await collab.PostAsync(owner, $"/api/circles/{circleId}/projects", new { title = "Grain" })).GetProperty("id").GetString()!;
        var grain = collab.Grains.GetGrain<IDocumentGrain>(grainDoc);
        long revision = (await grain.Open(owner.Id, 0)).Revision;
        var grainClock = Stopwatch.StartNew();
        for (var i = 0; i < grainEdits; i++)
            revision = (await grain.Submit(owner.Id, new SubmitOperation(revision, patches[i].ToOperation().ToJson(), $"g{i}"))).Revision;
        grainClock.Stop();
        var grainRate = grainEdits / grainClock.Elapsed.TotalSeconds;
        CheckText((await grain.Get(owner.Id)).Text, Splice(trace.StartContent, patches.Take(grainEdits)), "grain");
        report.Figure("ot", $"grain, one call per edit, {grainEdits:N0} edits", $"{grainRate:N0} edits/s", $"{engineRate:N0} edits/s (engine)", grainRate / engineRate);
        await WhereTheGrainTimeGoes(collab, grain, owner, grainEdits, grainRate, report);
        var concurrentEdits = quick ? 20_000 : 100_000;
        var concurrentDoc = (await collab.PostAsync(owner, $"/api/circles/{circleId}/projects", new { title = "Grain, concurrent" })).GetProperty("id").GetString()!;
        var concurrentRate = await ConcurrentCallers(collab.Grains.GetGrain<IDocumentGrain>(concurrentDoc), owner, concurrentEdits);
        report.Figure("ot", $"grain, {ConcurrentEditors} concurrent callers, {concurrentEdits:N0} edits", $"{concurrentRate:N0} edits/s",
            $"{grainRate:N0} edits/s (one call at a time)", concurrentRate / grainRate);
        var commits = await Commits(collab, concurrentDoc, concurrentEdits);
        report.Line($"  the {concurrentEdits:N0} concurrent edits were stored in {commits:N0} commits, {(double)concurrentEdits / commits:N1} operations each on average");
        var checkRate = await ConcurrentRightsChecks(collab.Grains.GetGrain<IDocumentGrain>(concurrentDoc), owner, concurrentEdits);
        report.Line($"  the same {ConcurrentEditors} callers calling Describe (a grain call with Submit's rights check, nothing written): {checkRate:N0} calls/s, the ceiling of submits that each ask the circle grain");

        // The hub: one connection, each edit acknowledged before the next.
        var hubEdits = Math.Min(quick ? 500 : 5_000, patches.Count);
        var hubDoc = (await collab.PostAsync(owner, $"/api/circles/{circleId}/projects", new { title = "Hub" })).GetProperty("id").GetString()!;
        await using var connection = collab.Connection(owner);
        await connection.StartAsync();
        var opened = await connection.InvokeAsync<JsonElement>("OpenDocument", hubDoc, 0L);
        revision = opened.GetProperty("revision").GetInt64();
        var hubClock = Stopwatch.StartNew();
        for (var i = 0; i < hubEdits; i++)
        {
            using var op = JsonDocument.Parse(patches[i].ToOperation().ToJson());
            var ack = await connection.InvokeAsync<JsonElement>("SubmitOperation", hubDoc, revision, op.RootElement, $"h{i}");
            revision = ack.GetProperty("revision").GetInt64();
        }
        hubClock.Stop();
        var hubRate = hubEdits / hubClock.Elapsed.TotalSeconds;
        CheckText((await collab.Grains.GetGrain<IDocumentGrain>(hubDoc).Get(owner.Id)).Text, Splice(trace.StartContent, patches.Take(hubEdits)), "hub");
        report.Figure("ot", $"hub, one connection, {hubEdits:N0} edits", $"{hubRate:N0} edits/s", $"{grainRate:N0} edits/s (grain)", hubRate / grainRate);

        // The same exchange on the bare hub: the op up, its push to the group (the sender too) and the ack back.
        await using var relay = bare.Connection();
        relay.On<JsonElement>("Event", _ => { });
        await relay.StartAsync();
        await relay.InvokeAsync("JoinGroup", "ot-relay");
        var relayClock = Stopwatch.StartNew();
        for (var i = 0; i < hubEdits; i++)
        {
            using var op = JsonDocument.Parse(patches[i].ToOperation().ToJson());
            await relay.InvokeAsync<long>("Relay", "ot-relay", op.RootElement);
        }
        var relayRate = hubEdits / relayClock.Elapsed.TotalSeconds;
        report.Figure("ot", $"hub, one connection, {hubEdits:N0} edits, vs a bare relay hub", $"{hubRate:N0} edits/s", $"{relayRate:N0} edits/s (bare relay)", hubRate / relayRate);
        report.Line($"  per edit through the hub: {1e6 / hubRate:N0} µs = the grain's {1e6 / grainRate:N0} µs + {1e6 / hubRate - 1e6 / grainRate:N0} µs of hub and push; a bare relay's whole exchange takes {1e6 / relayRate:N0} µs");
    }

    private const int ConcurrentEditors = 32;

    /// <summary>
    /// The grain with <see cref="ConcurrentEditors"/> callers at once, as separate OT clients that never hear each
    /// other: each inserts one character at the start of the text of its own last acknowledged revision, so nearly
    /// every operation is stale and transformed on the server, and the grain commits what arrives meanwhile in
    /// batches. Checked: the acknowledgements are the revisions 1..n, applying them in revision order gives the
    /// grain's text, and a fresh activation replays the same text from the log.
    /// </summary>
    private static async Task<double> ConcurrentCallers(IDocumentGrain grain, BenchServer.Member owner, int edits)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        var acks = await Task.WhenAll(Enumerable.Range(0, ConcurrentEditors).Select(async editor =>
        {
            var mine = new List<DocumentAck>();
            var known = 0L;
            for (var i = Interlocked.Increment(ref next); i < edits; i = Interlocked.Increment(ref next))
            {
                var ack = await grain.Submit(owner.Id, new SubmitOperation(known, $"[\"{(char)('a' + editor % 26)}\"]", $"c{i}"));
                mine.Add(ack);
                known = ack.Revision;
            }
            return mine;
        }));
        clock.Stop();

        var inOrder = acks.SelectMany(a => a).OrderBy(a => a.Revision).ToList();
        if (inOrder.Count != edits || inOrder.Select((a, i) => a.Revision != i + 1).Any(gap => gap))
            throw new InvalidOperationException("The concurrent callers' acknowledgements are not the revisions 1..n.");
        var replayed = new TextDocument();
        foreach (var ack in inOrder) replayed.Apply(TextOperation.FromJson(ack.Op));
        var text = (await grain.Get(owner.Id)).Text;
        CheckText(text, replayed.ToString(), "grain with concurrent callers (against its acknowledgements)");
        if (text.Length != edits) throw new InvalidOperationException($"The concurrent callers' text holds {text.Length} characters, not {edits}.");
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        CheckText((await grain.Get(owner.Id)).Text, text, "grain with concurrent callers (replayed by a fresh activation)");
        return edits / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Calls per second of <see cref="IDocumentGrain.Describe"/> from the concurrent callers: the rights check alone.</summary>
    private static async Task<double> ConcurrentRightsChecks(IDocumentGrain grain, BenchServer.Member owner, int calls)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, ConcurrentEditors).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < calls) await grain.Describe(owner.Id);
        }));
        return calls / clock.Elapsed.TotalSeconds;
    }

    /// <summary>How many transactions stored the document's log: the operations of one batch share their time to the microsecond.</summary>
    private static async Task<int> Commits(BenchServer collab, string documentId, int edits)
    {
        var feed = collab.Grains.GetGrain<IScopeFeedGrain>(Scopes.Of(Scopes.Document, documentId));
        var times = new HashSet<DateTimeOffset>();
        for (long after = 0; after < edits;)
        {
            var page = await feed.Read(after, 500);
            if (page.Count == 0) break;
            foreach (var e in page) times.Add(e.At);
            after = page[^1].Seq;
        }
        return times.Count;
    }

    /// <summary>
    /// The parts of one Submit, each timed alone one call at a time: a grain call with the same rights check
    /// (Describe: the document grain asks the circle grain for the member's role, as Submit does) and one append to
    /// the event store (a SQLite transaction). What remains is parsing, OT, serializing and the one-way push and
    /// activity report.
    /// </summary>
    private static async Task WhereTheGrainTimeGoes(BenchServer collab, IDocumentGrain grain, BenchServer.Member owner, int calls, double submitRate, Report report)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await grain.Describe(owner.Id);
        var callMicros = clock.Elapsed.TotalMicroseconds / calls;
        var store = new SqliteEventStore(await WalBytes.MigratedSqlite(Path.Combine(collab.DataFolder, "ot-append.db")));
        clock.Restart();
        for (var i = 1; i <= calls; i++)
            await store.AppendAsync(new StoredEvent("document:bench", i, "document.op", "{\"op\":[3,\"a\"],\"clientOpId\":\"g1\",\"revision\":1,\"authorId\":\"m\"}", "m", $"g{i}", DateTimeOffset.UtcNow), null);
        var appendMicros = clock.Elapsed.TotalMicroseconds / calls;
        var submitMicros = 1e6 / submitRate;
        report.Line($"  per edit through the grain: {submitMicros:N0} µs = a grain call with its rights check {callMicros:N0} µs + one SQLite append {appendMicros:N0} µs + the rest {submitMicros - callMicros - appendMicros:N0} µs (parse, transform, serialize, push, activity report)");
    }

    private static void CheckText(string actual, string expected, string where)
    {
        if (actual != expected) throw new InvalidOperationException($"The document's text through the {where} differs from the trace's.");
    }

    /// <summary>The text after the patches, by plain splicing on code points (what the trace format means).</summary>
    private static string Splice(string start, IEnumerable<TracePatch> patches)
    {
        var points = new List<int>(start.EnumerateRunes().Select(r => r.Value));
        foreach (var p in patches)
        {
            points.RemoveRange(p.Position, p.DeleteCount);
            points.InsertRange(p.Position, p.InsertText.EnumerateRunes().Select(r => r.Value));
        }
        var text = new StringBuilder();
        foreach (var point in points) text.Append(char.ConvertFromUtf32(point));
        return text.ToString();
    }

    private static async Task<List<(string Name, double Rate)>> NodeBaselines(string baselines, string tracePath, int edits, Report report)
    {
        if (!Directory.Exists(Path.Combine(baselines, "node_modules", "yjs")))
        {
            report.Line($"  Node baselines skipped: run `npm ci` in {baselines}");
            return [];
        }
        var start = new ProcessStartInfo("node", ["ot-baselines.mjs", Path.GetFullPath(tracePath), "--edits", edits.ToString(), "--repeat", EngineRuns.ToString()])
        {
            WorkingDirectory = baselines,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"node ot-baselines.mjs exited with {process.ExitCode}");
        var results = new List<(string, double)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var name = root.GetProperty("name").GetString()!;
            if (!root.GetProperty("ok").GetBoolean()) throw new InvalidOperationException($"The {name} baseline's end text differs.");
            var rate = root.GetProperty("editsPerSecond").GetDouble();
            report.Line($"  {name}: {rate:N0} edits/s, end text checked");
            results.Add((name, rate));
        }
        return results;
    }
}
