using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collab.Grains.Documents.Ot;

/// <summary>Lets a <see cref="TextOperation"/> sit in any System.Text.Json payload in its wire format.</summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return TextOperation.Parse(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options) =>
        value.WriteTo(writer);
}
