using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>
/// The payload of a <see cref="DocumentEventKinds.Operation"/> event. The operation sits in it as real JSON (not a
/// string inside JSON), so a browser reads the pushed event and the stored log alike with one JSON.parse. A
/// moderator's redaction is an operation like any other (editors apply it as they apply every op) that also carries
/// its tombstone under <c>redaction</c>.
/// </summary>
public sealed record DocumentOpPayload(TextOperation Op, string ClientOpId, long Revision, string AuthorId, DocumentRedaction? Redaction = null)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + Op.Components.Count * 8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("op");
            Op.WriteTo(writer);
            writer.WriteString("clientOpId", ClientOpId);
            writer.WriteNumber("revision", Revision);
            writer.WriteString("authorId", AuthorId);
            if (Redaction is not null)
            {
                writer.WritePropertyName("redaction");
                JsonSerializer.Serialize(writer, Redaction, CollabJson.Options);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a payload this class wrote; the log is trusted, so a broken one is a bug, not user input.</summary>
    public static DocumentOpPayload Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new DocumentOpPayload(
            TextOperation.Parse(root.GetProperty("op")),
            root.GetProperty("clientOpId").GetString()!,
            root.GetProperty("revision").GetInt64(),
            root.GetProperty("authorId").GetString()!,
            root.TryGetProperty("redaction", out var redaction) ? redaction.Deserialize<DocumentRedaction>(CollabJson.Options) : null);
    }
}
