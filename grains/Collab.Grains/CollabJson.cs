using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collab.Grains;

/// <summary>One JSON shape for event payloads, so the log reads the same from C#, SQL and the browser.</summary>
public static class CollabJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Emoji and accented names stay readable in the stored log; the browser escapes on render, not the log.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Enums by name, as the HTTP API and the hub send them; numbers are still read.
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored JSON for {typeof(T).Name} is null.");
}
