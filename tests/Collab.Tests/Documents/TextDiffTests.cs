using Collab.Grains.Documents;
using Collab.Grains.Documents.Ot;
using Collab.Tests.Ot;

namespace Collab.Tests.Documents;

public sealed class TextDiffTests
{
    [Fact]
    public void The_diff_of_any_two_texts_turns_the_first_into_the_second()
    {
        for (var seed = 0; seed < 3_000; seed++)
        {
            var random = new RandomEdits(seed);
            var from = random.Document(60);
            var to = seed % 3 == 0 ? random.Operation(from).Apply(from) : random.Document(60);

            var op = TextDiff.Between(from, to);

            Assert.True(to == op.Apply(from), $"seed {seed}: {op} on \"{from}\"");
        }
    }

    [Fact]
    public void Lines_both_texts_share_are_kept_and_a_changed_line_keeps_its_unchanged_ends()
    {
        Assert.Equal("""[4,"two\n",6,{"d":5}]""", TextDiff.Between("one\nthree\nfour\n", "one\ntwo\nthree\n").ToJson());
        Assert.Equal("""[10,{"d":6},"green"]""", TextDiff.Between("the grass yellow today", "the grass green today").ToJson());
        Assert.Equal("[]", TextDiff.Between("same 😀", "same 😀").ToJson());
        Assert.Equal(TextOperation.Splice(5, 1, "𝄞"), TextDiff.Between("same 😀", "same 𝄞"));
    }
}

public sealed class AuthorRunsTests
{
    [Fact]
    public void Runs_follow_every_operation_and_count_what_each_author_wrote_of_the_current_text()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new RandomEdits(seed);
            var text = "";
            var runs = new AuthorRuns();
            var authorOf = new List<string>();
            for (var step = 0; step < 40; step++)
            {
                var author = $"m{random.Next(3)}";
                var op = random.Operation(text);
                text = op.Apply(text);
                runs.Apply(op, author);
                ApplyNaively(authorOf, op, author);

                Assert.Equal(CodePointText.Count(text), runs.Length);
                Assert.Equal(Expand(runs), authorOf);
            }
            Assert.Equal(authorOf.GroupBy(a => a).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count())),
                runs.CharactersByAuthor());
            Assert.DoesNotContain(runs.Runs.Zip(runs.Runs.Skip(1)), pair => pair.First.AuthorId == pair.Second.AuthorId);
        }
    }

    private static List<string> Expand(AuthorRuns runs) => runs.Runs.SelectMany(r => Enumerable.Repeat(r.AuthorId, r.Length)).ToList();

    /// <summary>One entry per code point: the obviously right model the runs must match.</summary>
    private static void ApplyNaively(List<string> authorOf, TextOperation op, string author)
    {
        var at = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case OpKind.Retain: at += c.Length; break;
                case OpKind.Insert: authorOf.InsertRange(at, Enumerable.Repeat(author, c.Length)); at += c.Length; break;
                default: authorOf.RemoveRange(at, c.Length); break;
            }
        }
    }
}
