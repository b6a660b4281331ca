using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// Randomized properties of the engine over thousands of fixed seeds; a failure names its seed, and
/// <c>new RandomEdits(seed)</c> rebuilds the exact case.
/// </summary>
public sealed class TransformPropertyTests
{
    private const int Cases = 5000;

    [Fact]
    public void Concurrent_operations_converge_whichever_is_applied_first_TP1()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            var random = new RandomEdits(seed);
            var doc = random.Document(seed % 10 == 0 ? 200 : 30);
            var a = random.Operation(doc);
            var b = random.Operation(doc);

            var aThenB = TextOperation.Transform(b, a, Side.Right).Apply(a.Apply(doc));
            var bThenA = TextOperation.Transform(a, b, Side.Left).Apply(b.Apply(doc));

            Check(aThenB == bThenA, seed, $"doc={Show(doc)} a={a} b={b}: a then b' = {Show(aThenB)}, b then a' = {Show(bThenA)}");
        }
    }

    [Fact]
    public void Transforming_against_a_no_op_changes_nothing()
    {
        for (var seed = 1; seed <= 500; seed++)
        {
            var random = new RandomEdits(seed);
            var a = random.Operation(random.Document());

            Check(TextOperation.Transform(a, TextOperation.Empty, Side.Left).Equals(a), seed, $"a={a}");
            Check(TextOperation.Transform(TextOperation.Empty, a, Side.Right).IsNoop, seed, $"a={a}");
        }
    }

    [Fact]
    public void A_composed_operation_has_the_effect_of_both_in_order()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            var random = new RandomEdits(seed);
            var doc = random.Document(seed % 10 == 0 ? 200 : 30);
            var a = random.Operation(doc);
            var afterA = a.Apply(doc);
            var b = random.Operation(afterA);

            var composed = TextOperation.Compose(a, b);

            Check(composed.Apply(doc) == b.Apply(afterA), seed, $"doc={Show(doc)} a={a} b={b} compose={composed}");
        }
    }

    [Fact]
    public void Composing_then_transforming_equals_transforming_step_by_step()
    {
        // What a client does with its buffer: transform a remote op against a1 then a2, or against compose(a1, a2).
        for (var seed = 1; seed <= 2000; seed++)
        {
            var random = new RandomEdits(seed);
            var doc = random.Document();
            var a1 = random.Operation(doc);
            var a2 = random.Operation(a1.Apply(doc));
            var remote = random.Operation(doc);

            var stepwise = TextOperation.Transform(TextOperation.Transform(remote, a1, Side.Right), a2, Side.Right);
            var atOnce = TextOperation.Transform(remote, TextOperation.Compose(a1, a2), Side.Right);
            var afterBoth = a2.Apply(a1.Apply(doc));

            Check(stepwise.Apply(afterBoth) == atOnce.Apply(afterBoth), seed, $"doc={Show(doc)} a1={a1} a2={a2} remote={remote}");
        }
    }

    [Fact]
    public void A_text_document_applies_a_long_run_of_edits_like_the_string_version()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new RandomEdits(seed);
            var text = random.Document(100);
            var document = new TextDocument(text);
            for (var step = 0; step < 50; step++)
            {
                var op = random.Operation(text);
                text = op.Apply(text);
                document.Apply(op);
                Check(document.Length == CodePointText.Count(text), seed, $"step {step}: length {document.Length}");
            }

            Check(document.ToString() == text, seed, $"document={Show(document.ToString())} expected={Show(text)}");
        }
    }

    [Fact]
    public void A_cursor_keeps_pointing_at_the_same_character_after_a_concurrent_edit()
    {
        for (var seed = 1; seed <= 2000; seed++)
        {
            var random = new RandomEdits(seed);
            var doc = random.Document() + "|";
            var length = CodePointText.Count(doc);
            var cursor = random.Next(length);
            var marked = CodePointText.Slice(doc, cursor, 1);
            // An op on the text before the cursor never touches the marked character. Text typed exactly at the
            // cursor is the one case where it stays put and points at the new text (as in the library), so skip it.
            var op = random.Operation(CodePointText.Slice(doc, 0, cursor));
            if (op.Components.Count > 0 && op.Components[^1].Kind == OpKind.Insert && op.BaseLength == cursor) continue;
            var after = op.Apply(doc);

            var moved = TextOperation.TransformPosition(cursor, op);

            Check(CodePointText.Slice(after, moved, 1) == marked, seed, $"doc={Show(doc)} cursor={cursor} op={op} moved={moved}");
        }
    }

    private static void Check(bool condition, int seed, string detail)
    {
        if (!condition) Assert.Fail($"seed {seed}: {detail}");
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
