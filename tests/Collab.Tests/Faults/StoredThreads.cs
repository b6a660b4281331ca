using System.Text.Json;
using Npgsql;

namespace Collab.Tests.Faults;

/// <summary>The threads' event logs as PostgreSQL holds them: by thread id, each event's seq and comment text (or kind).</summary>
public static class StoredThreads
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<(long Seq, string Text)>>> ReadAsync(
        string connectionString, IEnumerable<string> threadIds)
    {
        var logs = threadIds.ToDictionary(id => id, _ => new List<(long, string)>());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT scope, seq, kind, payload FROM collab_events WHERE scope = ANY(@scopes) ORDER BY scope, seq", connection);
        command.Parameters.AddWithValue("scopes", logs.Keys.Select(id => $"thread:{id}").ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var threadId = reader.GetString(0)["thread:".Length..];
            using var payload = JsonDocument.Parse(reader.GetString(3));
            var text = payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("text", out var t)
                ? t.GetString()!
                : reader.GetString(2);
            logs[threadId].Add((reader.GetInt64(1), text));
        }
        return logs.ToDictionary(l => l.Key, l => (IReadOnlyList<(long, string)>)l.Value);
    }
}
