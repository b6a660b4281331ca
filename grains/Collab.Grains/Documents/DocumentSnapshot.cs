using System.Text.Json;

namespace Collab.Grains.Documents;

/// <summary>
/// A document as of one revision, as saved in the snapshot table: the text and its authorship runs,
/// <c>{"text": "...", "authors": [["member-id", length], ...]}</c>.
/// </summary>
public sealed record DocumentSnapshot(string Text, AuthorRuns Authors)
{
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CollabJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("text", Text);
            writer.WriteStartArray("authors");
            foreach (var run in Authors.Runs)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(run.AuthorId);
                writer.WriteNumberValue(run.Length);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static DocumentSnapshot Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        // A few authors repeat across many runs: share one string per author.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var runs = root.GetProperty("authors").EnumerateArray().Select(run =>
        {
            var id = run[0].GetString()!;
            return new AuthorRun(ids.TryGetValue(id, out var shared) ? shared : ids[id] = id, run[1].GetInt32());
        });
        return new DocumentSnapshot(root.GetProperty("text").GetString()!, new AuthorRuns(runs));
    }
}
