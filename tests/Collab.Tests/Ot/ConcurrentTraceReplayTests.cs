using System.Diagnostics;
using Xunit.Abstractions;

namespace Collab.Tests.Ot;

/// <summary>
/// A real two-author history, replayed through an in-memory authority and two clients that see each other's
/// edits only when the trace says they had: every copy must end at the recorded text.
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
}
