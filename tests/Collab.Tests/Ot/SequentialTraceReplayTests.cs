using System.Diagnostics;
using Collab.Grains.Documents.Ot;
using Xunit.Abstractions;

namespace Collab.Tests.Ot;

/// <summary>A real single-author history, replayed edit by edit, must rebuild the recorded final text exactly.</summary>
public sealed class SequentialTraceReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void Replaying_the_automerge_paper_trace_ends_at_its_recorded_text()
    {
        var trace = SharedTraces.Load(SharedTraces.SequentialFile);
        var document = new TextDocument(trace.StartContent);

        var clock = Stopwatch.StartNew();
        foreach (var txn in trace.Transactions)
        {
            foreach (var patch in txn.Patches) document.Apply(patch.ToOperation());
        }
        clock.Stop();

        Assert.Equal(trace.EndContent, document.ToString());
        var edits = trace.PatchCount;
        output.WriteLine($"{SharedTraces.SequentialFile}: {edits:N0} edits in {clock.Elapsed.TotalMilliseconds:N0} ms = " +
                         $"{edits / clock.Elapsed.TotalSeconds:N0} edits/s (each made into a TextOperation and applied to a TextDocument)");
    }
}
