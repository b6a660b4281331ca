using System.Text.Json.Nodes;
using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>The wire format is read strictly, and an operation that does not fit the document changes nothing.</summary>
public sealed class TextOperationValidationTests
{
    [Theory]
    [InlineData("{}", "JSON array")]
    [InlineData("\"abc\"", "JSON array")]
    [InlineData("[0]", "positive")]
    [InlineData("[-1]", "positive")]
    [InlineData("[1.5]", "whole number")]
    [InlineData("[3000000000]", "whole number")]
    [InlineData("[true]", "boolean")]
    [InlineData("[null]", "null")]
    [InlineData("[[1]]", "an array")]
    [InlineData("[\"\"]", "must not be empty")]
    [InlineData("[{\"d\":0}]", "positive")]
    [InlineData("[{\"d\":-2}]", "positive")]
    [InlineData("[{\"d\":\"\"}]", "must not be empty")]
    [InlineData("[{\"d\":true}]", "not a count or a text")]
    [InlineData("[{\"x\":1}]", "{\"d\": count}")]
    [InlineData("[{\"d\":1,\"e\":2}]", "{\"d\": count}")]
    [InlineData("[{}]", "{\"d\": count}")]
    [InlineData("[\"\\ud83d\"]", "UTF-16")]
    [InlineData("[1, \"a\"", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    public void A_malformed_operation_is_refused_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<OtException>(() => TextOperation.FromJson(json));

        Assert.Equal(OtErrorKind.Malformed, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("[3]", "[]")]
    [InlineData("[2, 3, \"x\"]", "[5,\"x\"]")]
    [InlineData("[\"a\", \"b\", 4]", "[\"ab\"]")]
    [InlineData("[{\"d\":1}, {\"d\":\"ab\"}]", "[{\"d\":3}]")]
    [InlineData("[{\"d\":\"x\"}, {\"d\":\"😀\"}]", "[{\"d\":\"x😀\"}]")]
    [InlineData("[1, \"😀\", {\"d\": 2}]", "[1,\"😀\",{\"d\":2}]")]
    public void A_valid_operation_is_read_normalized_and_written_back_in_the_library_format(string json, string expected)
    {
        var written = TextOperation.FromJson(json).ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(written)), $"wrote {written}, expected {expected}");
    }

    [Fact]
    public void Positions_and_lengths_count_code_points_not_utf16_units()
    {
        var op = TextOperation.FromJson("[1, \"𝄞!\", {\"d\": 1}]");

        Assert.Equal("😀𝄞!c", op.Apply("😀😀c"));
        Assert.Equal((2, 2, 1), (op.BaseLength, op.InsertedCodePoints, op.DeletedCodePoints));
        Assert.Equal(4, op.LengthAfter(3));
    }

    [Fact]
    public void An_operation_reaching_past_the_end_is_refused_and_the_document_is_unchanged()
    {
        var document = new TextDocument("a😀c");
        var op = TextOperation.FromJson("[2, \"x\", {\"d\": 2}]");

        var validation = Assert.Throws<OtException>(() => op.Validate(document.Length));
        var applying = Assert.Throws<OtException>(() => document.Apply(op));
        var applyingToString = Assert.Throws<OtException>(() => op.Apply("a😀c"));

        Assert.All([validation, applying, applyingToString], e => Assert.Equal(OtErrorKind.OutOfRange, e.Kind));
        Assert.Contains("reaches code point 4 but the document has only 3", validation.Message);
        Assert.Equal("a😀c", document.ToString());
        Assert.Equal(3, document.Length);
    }

    [Fact]
    public void An_operation_that_exactly_covers_the_document_is_accepted()
    {
        var document = new TextDocument("a😀c");
        var op = TextOperation.FromJson("[2, {\"d\": 1}, \"!\"]");

        op.Validate(document.Length);
        document.Apply(op);

        Assert.Equal("a😀!", document.ToString());
    }

    [Fact]
    public void An_oversized_insert_is_refused_before_anything_changes()
    {
        var document = new TextDocument("abc");
        var op = TextOperation.Insert(1, new string('x', TextOperation.DefaultMaxInsertCodePoints + 1));

        var error = Assert.Throws<OtException>(() => op.Validate(document.Length));

        Assert.Equal(OtErrorKind.TooLarge, error.Kind);
        Assert.Contains($"at most {TextOperation.DefaultMaxInsertCodePoints}", error.Message);
        Assert.Equal("abc", document.ToString());
        TextOperation.Insert(1, "😀😀").Validate(document.Length, maxInsertCodePoints: 2);
    }

    [Fact]
    public void Components_cannot_be_built_empty_or_negative()
    {
        Assert.Throws<OtException>(() => OpComponent.Retain(0));
        Assert.Throws<OtException>(() => OpComponent.Delete(-1));
        Assert.Throws<OtException>(() => OpComponent.Insert(""));
        Assert.Throws<OtException>(() => OpComponent.Insert("\uDC00x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOperation.Splice(-1, 0, "x"));
    }

    [Theory]
    [InlineData(0, 0, "")]
    [InlineData(3, 0, "")]
    [InlineData(0, 2, "")]
    [InlineData(3, 2, "")]
    [InlineData(0, 0, "x")]
    [InlineData(3, 0, "hé😀")]
    [InlineData(0, 2, "x")]
    [InlineData(3, 2, "😀")]
    public void A_splice_is_the_normal_form_the_builder_makes_of_it(int position, int deleteCount, string insertText)
    {
        var built = new TextOperationBuilder().Retain(position).Delete(deleteCount).Insert(insertText).Build();

        var splice = TextOperation.Splice(position, deleteCount, insertText);

        Assert.Equal(built.ToJson(), splice.ToJson());
        Assert.Equal((built.BaseLength, built.InsertedCodePoints, built.DeletedCodePoints), (splice.BaseLength, splice.InsertedCodePoints, splice.DeletedCodePoints));
        Assert.Equal(built, splice);
    }

    [Fact]
    public void An_operation_travels_inside_other_json_payloads_in_its_wire_format()
    {
        var message = new SubmitMessage(7, TextOperation.FromJson("[3, \"hé😀\", {\"d\": \"ab\"}]"));

        var json = System.Text.Json.JsonSerializer.Serialize(message);
        var back = System.Text.Json.JsonSerializer.Deserialize<SubmitMessage>(json)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"Revision\":7,\"Op\":[3,\"hé😀\",{\"d\":\"ab\"}]}"), JsonNode.Parse(json)), json);
        Assert.Equal(message.Op, back.Op);
    }

    private sealed record SubmitMessage(int Revision, TextOperation Op);
}
