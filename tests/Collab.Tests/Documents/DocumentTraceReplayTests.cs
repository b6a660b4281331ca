using System.Text;
using Collab.Grains.Documents.Ot;
using Collab.Replay.Replay;
using Collab.Replay.Traces;
using Collab.Tests.Infrastructure;
using Collab.Tests.Ot;
using Xunit.Abstractions;

namespace Collab.Tests.Documents;

/// <summary>A single-node host for trace replays: replays type far faster than people, so the hub's command rate is lifted.</summary>
public sealed class TraceReplayHostFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public CollabWebHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = _folder.File("dev-signing.key"),
        ["Collab:Connections:CommandsPerSecond"] = "1000000",
        ["Collab:Connections:CommandBurst"] = "1000000",
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TraceReplayHostCollection : ICollectionFixture<TraceReplayHostFixture>
{
    public const string Name = "Trace replay host (SQLite)";
}

/// <summary>
/// Real editing histories replayed through the running server by real SignalR clients (the code of
/// <c>dotnet run --project tools/Collab.Replay -- replay</c>): every client and the server must end at the exact text.
/// </summary>
[Collection(TraceReplayHostCollection.Name)]
public sealed class DocumentTraceReplayTests(TraceReplayHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Friendsforever_replayed_by_two_hub_clients_seeing_each_other_as_the_trace_says_ends_at_endContent_everywhere()
    {
        var trace = SharedTraces.Load(SharedTraces.ConcurrentFile);

        var report = await TraceReplayer.RunAsync(fixture.Host.Address, trace);

        Report(SharedTraces.ConcurrentFile, report);
        Assert.All(report.ClientTexts, text => Assert.Equal(trace.EndContent, text));
        Assert.Equal(trace.EndContent, report.ServerText);
        Assert.Equal(trace.PatchCount, report.ServerRevision);
        Assert.True(report.Succeeded);
    }

    [Theory]
    [InlineData(3, 301)]
    [InlineData(4, 401)]
    public async Task A_generated_trace_of_several_agents_replayed_by_one_hub_client_each_ends_at_endContent_everywhere(int agents, int seed)
    {
        // Simulated agents on uneven links: in the trace's own order some agent would see too much, so the replay
        // must find a server order of its own; the end text is the generator's own server's.
        var trace = ConcurrentTraceGenerator.Load(agents, 2_000, seed);

        var report = await TraceReplayer.RunAsync(fixture.Host.Address, trace);

        Report($"generated, {agents} agents, seed {seed}", report);
        Assert.Equal(agents, report.ClientTexts.Count);
        Assert.All(report.ClientTexts, text => Assert.Equal(trace.EndContent, text));
        Assert.Equal(trace.EndContent, report.ServerText);
        Assert.Equal(trace.Transactions.Count, report.Operations);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task A_concurrent_trace_in_astral_and_accented_letters_replays_to_the_exact_text()
    {
        // The first 3,000 transactions of friendsforever with its letters moved to 𝐚..𝐳 (beyond U+FFFF) and À..Ù:
        // one code point for one, so every position and parent stays right. The expected end is the in-memory
        // replay's, which must itself be the mapped end of the plain prefix.
        var prefix = Prefix(SharedTraces.Load(SharedTraces.ConcurrentFile), 3_000);
        var expected = ConcurrentTraceReplay.Run(Astral(prefix)).Authority.Document.ToString();
        Assert.Equal(Astral(ConcurrentTraceReplay.Run(prefix).Authority.Document.ToString()), expected);
        var trace = Astral(prefix) with { EndContent = expected };

        var report = await TraceReplayer.RunAsync(fixture.Host.Address, trace);

        Report("friendsforever, astral prefix", report);
        Assert.True(report.Succeeded, $"clients: {string.Join(", ", report.ClientTexts.Select(t => t == expected))}, server: {report.ServerText == expected}");
        Assert.Contains("𝐞", report.ServerText);
    }

    [Fact]
    public async Task The_automerge_paper_trace_in_astral_letters_replays_exactly_through_one_connection()
    {
        var trace = Astral(SharedTraces.Load(SharedTraces.SequentialFile));

        var report = await TraceReplayer.RunAsync(fixture.Host.Address, trace);

        Report("automerge-paper, astral", report);
        Assert.Equal(trace.EndContent, report.ServerText);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task A_sequential_trace_sent_one_operation_per_edit_replays_exactly()
    {
        var full = SharedTraces.Load(SharedTraces.SequentialFile);
        var prefix = Prefix(full, 2_000);
        var text = new TextDocument();
        foreach (var patch in prefix.Transactions.SelectMany(t => t.Patches)) text.Apply(patch.ToOperation());
        var trace = Astral(prefix with { EndContent = text.ToString() });

        var report = await TraceReplayer.RunAsync(fixture.Host.Address, trace, composeWaiting: false);

        Report("automerge-paper, first 2,000 edits, one operation each", report);
        Assert.Equal(2_000, report.Operations);
        Assert.True(report.Succeeded);
    }

    private void Report(string name, ReplayReport report) =>
        output.WriteLine($"{name}: {report.Edits:N0} edits as {report.Operations:N0} operations through the hub in {report.Elapsed.TotalSeconds:N2} s = " +
                         $"{report.EditsPerSecond:N0} edits/s; most waiting in one client: {report.MostWaiting}; late pushes read back: {report.GapsFilled}");

    private static EditingTrace Prefix(EditingTrace trace, int transactions) =>
        trace with { Transactions = trace.Transactions.Take(transactions).ToList() };

    private static EditingTrace Astral(EditingTrace trace) => trace with
    {
        StartContent = Astral(trace.StartContent),
        EndContent = Astral(trace.EndContent),
        Transactions = trace.Transactions
            .Select(t => t with { Patches = t.Patches.Select(p => p with { InsertText = Astral(p.InsertText) }).ToList() })
            .ToList(),
    };

    private static string Astral(string text)
    {
        var mapped = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            mapped.Append(rune.Value switch
            {
                >= 'a' and <= 'z' => char.ConvertFromUtf32(0x1D41A + rune.Value - 'a'),
                >= 'A' and <= 'Z' => char.ConvertFromUtf32(0xC0 + rune.Value - 'A'),
                _ => rune.ToString(),
            });
        }
        return mapped.ToString();
    }
}
