using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Collab.Grains.Documents.Ot;

/// <summary>The JSON wire format: <c>[5, "hi", {"d": 3}]</c>, exactly as ot-text-unicode reads and writes it.</summary>
public sealed partial class TextOperation
{
    // Accented and CJK text stays readable in logs and stored operations (the browser never renders this JSON as
    // HTML). System.Text.Json still escapes surrogate pairs as \uD83D\uDE00, which JSON.parse reads back the same.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads an operation strictly: numbers must be positive whole numbers, strings non-empty and well-formed
    /// UTF-16, objects exactly <c>{"d": N}</c> or <c>{"d": "text"}</c>. The result is normalized (neighbours of one
    /// kind merged, a trailing retain dropped), as ot-text-unicode's <c>normalize</c> would leave it.
    /// </summary>
    public static TextOperation Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array)
            throw OtException.Malformed($"An operation must be a JSON array of components (got {Describe(json)}).");
        var builder = new TextOperationBuilder();
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            builder.Append(ParseComponent(item, index));
            index++;
        }
        return builder.Build();
    }

    public static TextOperation FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw OtException.Malformed($"The operation is not valid JSON: {e.Message}");
        }
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(16 + components.Length * 8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var c in components)
        {
            switch (c.Kind)
            {
                case OpKind.Retain:
                    writer.WriteNumberValue(c.Length);
                    break;
                case OpKind.Insert:
                    writer.WriteStringValue(c.Text);
                    break;
                default:
                    writer.WriteStartObject();
                    if (c.Text is null) writer.WriteNumber("d", c.Length);
                    else writer.WriteString("d", c.Text);
                    writer.WriteEndObject();
                    break;
            }
        }
        writer.WriteEndArray();
    }

    private static OpComponent ParseComponent(JsonElement item, int index)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Number:
                return OpComponent.Retain(PositiveCount(item, index, "retain"));
            case JsonValueKind.String:
                return OpComponent.Insert(NonEmptyText(item, index, "an insert"));
            case JsonValueKind.Object:
                var properties = item.EnumerateObject().ToList();
                if (properties.Count != 1 || properties[0].Name != "d")
                    throw OtException.Malformed($"Component {index} is an object other than {{\"d\": count}} or {{\"d\": \"text\"}}.");
                var d = properties[0].Value;
                return d.ValueKind switch
                {
                    JsonValueKind.Number => OpComponent.Delete(PositiveCount(d, index, "delete")),
                    JsonValueKind.String => OpComponent.Delete(NonEmptyText(d, index, "a delete")),
                    _ => throw OtException.Malformed($"Component {index} is a delete whose \"d\" is {Describe(d)}, not a count or a text."),
                };
            default:
                throw OtException.Malformed(
                    $"Component {index} is {Describe(item)}; expected a number (retain), a string (insert) or {{\"d\": …}} (delete).");
        }
    }

    private static int PositiveCount(JsonElement number, int index, string what) =>
        number.TryGetInt32(out var count) && count > 0
            ? count
            : throw OtException.Malformed($"Component {index}: a {what} must be a positive whole number below 2^31 (got {number.GetRawText()}).");

    private static string NonEmptyText(JsonElement text, int index, string what)
    {
        string value;
        try
        {
            value = text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw OtException.Malformed($"Component {index}: {what} is not valid UTF-16 text.");
        }
        if (value.Length == 0) throw OtException.Malformed($"Component {index}: {what} must not be empty.");
        if (!CodePointText.IsWellFormed(value)) throw OtException.Malformed($"Component {index}: {what} contains a lone UTF-16 surrogate.");
        return value;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
