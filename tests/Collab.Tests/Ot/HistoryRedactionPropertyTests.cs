using Collab.Grains.Documents;
using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// The history rewrite of a redaction, over random histories: every rewritten revision replays to the original text
/// of that revision with exactly the traced code points blanked, and the head to the passage blanked out.
/// </summary>
public sealed class HistoryRedactionPropertyTests
{
    private const int Cases = 2000;

    [Fact]
    public void Every_rewritten_revision_replays_to_its_original_text_with_the_passage_blanked_where_it_was()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            var random = new RandomEdits(seed);
            var texts = new List<string> { "" };
            var ops = new List<TextOperation>();
            for (var i = 0; i < 1 + random.Next(12); i++)
            {
                var op = random.Operation(texts[^1]);
                ops.Add(op);
                texts.Add(op.Apply(texts[^1]));
            }
            var head = texts[^1];
            var length = CodePointText.Count(head);
            if (length == 0) continue;
            var start = random.Next(length);
            var count = 1 + random.Next(length - start);
            var every = Enumerable.Range(1, ops.Count).Select(r => (long)r).ToHashSet();

            var trace = HistoryRedaction.Trace(ops, start, count, every);

            var replayed = "";
            for (var revision = 1; revision <= ops.Count; revision++)
            {
                replayed = (trace.Operations.TryGetValue(revision, out var rewritten) ? rewritten : ops[revision - 1]).Apply(replayed);
                var expected = trace.SnapshotPositions.TryGetValue(revision, out var positions) ? HistoryRedaction.Blank(texts[revision], positions) : texts[revision];
                if (replayed != expected) Assert.Fail($"seed {seed}, revision {revision}: replayed {replayed}, expected {expected}");
            }
            var blankedHead = HistoryRedaction.Blank(head, Enumerable.Range(start, count).ToList());
            if (replayed != blankedHead) Assert.Fail($"seed {seed}: head {replayed}, expected {blankedHead}");
        }
    }
}
