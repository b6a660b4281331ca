using System.Diagnostics;
using Xunit.Abstractions;

namespace Collab.Tests.Ot;

/// <summary>
/// Concurrent histories (a real two-author one, generated ones of more agents) replayed through an in-memory
/// authority and one client per agent that sees the others' edits only when the trace says it had: every copy
/// must end at the recorded text.
/// </summary>
public sealed class ConcurrentTraceReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_agents_and_the_authority_converge_on_the_friendsforever_trace_text()
    {
        var trace = SharedTraces.Load(SharedTraces.ConcurrentFile);

        var clock = Stopwatch.StartNew();
        var replay = ConcurrentTraceReplay.Run(trace);
        clock.Stop();

        Assert.Equal(trace.EndContent, replay.Authority.Document.ToString());
        Assert.All(replay.Clients, client => Assert.Equal(trace.EndContent, client.Document.ToString()));
        Assert.All(replay.Clients, client => Assert.False(client.IsAwaitingAck));
        Assert.Equal(trace.PatchCount, replay.Authority.Revision);
        output.WriteLine($"{SharedTraces.ConcurrentFile}: {trace.PatchCount:N0} edits by {trace.NumAgents} agents in " +
                         $"{clock.Elapsed.TotalMilliseconds:N0} ms = {trace.PatchCount / clock.Elapsed.TotalSeconds:N0} edits/s " +
                         $"(authority plus both clients, transforms included); most edits waiting in one client: {replay.MostWaiting}");
    }

    [Fact]
    public void Generated_traces_of_three_to_five_agents_converge_on_their_endContent_in_memory()
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            var agents = 3 + seed % 3;
            var trace = ConcurrentTraceGenerator.Load(agents, 500, seed);

            var replay = ConcurrentTraceReplay.Run(trace);

            Assert.Equal(trace.EndContent, replay.Authority.Document.ToString());
            Assert.All(replay.Clients, client => Assert.Equal(trace.EndContent, client.Document.ToString()));
            Assert.All(replay.Clients, client => Assert.False(client.IsAwaitingAck));
            Assert.Equal(trace.Transactions.Count, replay.Authority.Revision);
            Assert.Equal(agents, replay.Clients.Count);
        }
    }
}
