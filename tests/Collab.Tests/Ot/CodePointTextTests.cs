using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

public sealed class CodePointTextTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("😀", 1)]
    [InlineData("a😀b𝄞", 4)]
    [InlineData("e\u0301", 2)]
    [InlineData("👍\U0001F3FD", 2)]
    public void Count_counts_a_surrogate_pair_once_and_a_combining_mark_separately(string text, int expected)
    {
        Assert.Equal(expected, CodePointText.Count(text));
    }

    [Fact]
    public void A_code_point_position_maps_to_the_utf16_index_after_the_pairs_before_it()
    {
        var text = new string('a', 100) + "😀" + new string('b', 50) + "𝄞c";

        Assert.Equal(100, CodePointText.ToUtf16Index(text, 100));
        Assert.Equal(102, CodePointText.ToUtf16Index(text, 101));
        Assert.Equal(154, CodePointText.ToUtf16Index(text, 152));
        Assert.Equal(text.Length, CodePointText.ToUtf16Index(text, 153));
        Assert.False(CodePointText.TryGetUtf16Index(text, 154, out _));
        Assert.Equal("😀bb", CodePointText.Slice(text, 100, 3));
    }

    [Fact]
    public void Lone_surrogates_are_not_well_formed()
    {
        // Built in code: a lone surrogate would not survive as test-case data.
        Assert.True(CodePointText.IsWellFormed("abc"));
        Assert.True(CodePointText.IsWellFormed("a😀"));
        Assert.False(CodePointText.IsWellFormed(new string('\uD83D', 1)));
        Assert.False(CodePointText.IsWellFormed(new string('\uDE00', 1) + "a"));
        Assert.False(CodePointText.IsWellFormed("a" + new string('\uD83D', 1) + "b"));
        Assert.False(CodePointText.IsWellFormed("😀" + new string('\uD83D', 1)));
    }

    [Fact]
    public void Cursors_follow_the_library_rules_for_inserts_and_deletes()
    {
        var op = TextOperation.FromJson("[1, \"😀😀\", 2, {\"d\": 3}]");

        Assert.Equal(0, TextOperation.TransformPosition(0, op));
        Assert.Equal(1, TextOperation.TransformPosition(1, op)); // an insert at the cursor does not push it
        Assert.Equal(4, TextOperation.TransformPosition(2, op));
        Assert.Equal(5, TextOperation.TransformPosition(4, op)); // inside the deleted range: pulled to its start
        Assert.Equal(5, TextOperation.TransformPosition(6, op));
        Assert.Equal(7, TextOperation.TransformPosition(8, op));
        Assert.Equal((7, 1), TextOperation.TransformSelection(8, 1, op));
    }

    [Fact]
    public void The_cursor_of_an_operations_own_author_is_carried_along_by_its_insert()
    {
        var op = TextOperation.FromJson("[1, \"😀😀\", 2, {\"d\": 3}]");

        Assert.Equal(0, TextOperation.TransformPosition(0, op, ownOperation: true));
        Assert.Equal(3, TextOperation.TransformPosition(1, op, ownOperation: true)); // typed there: after the insert
        Assert.Equal(4, TextOperation.TransformPosition(2, op, ownOperation: true));
        Assert.Equal(5, TextOperation.TransformPosition(4, op, ownOperation: true));
        Assert.Equal(7, TextOperation.TransformPosition(8, op, ownOperation: true));
    }
}
