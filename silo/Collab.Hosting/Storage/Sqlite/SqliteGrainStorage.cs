using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// Orleans grain storage in the embedded SQLite file, for single-node mode (Orleans' ADO.NET provider has no
/// SQLite dialect). Optimistic concurrency as in the ADO.NET provider: every write names the ETag it read,
/// and a stale one fails with <see cref="InconsistentStateException"/> instead of overwriting.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, etag FROM grain_state WHERE grain_id = $id AND state_name = $name";
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(0)));
        grainState.ETag = reader.GetString(1);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var newETag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = grainState.ETag is null
            ? "INSERT INTO grain_state (grain_id, state_name, payload, etag) VALUES ($id, $name, $payload, $etag) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET payload = $payload, etag = $etag WHERE grain_id = $id AND state_name = $name AND etag = $old";
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$payload", serializer.Serialize(grainState.State).ToArray());
        command.Parameters.AddWithValue("$etag", newETag);
        command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() != 1) throw Inconsistent(stateName, grainId, grainState.ETag);

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_id = $id AND state_name = $name AND etag = $old";
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
        if (grainState.ETag is not null && await command.ExecuteNonQueryAsync() != 1)
            throw Inconsistent(stateName, grainId, grainState.ETag);

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
    }

    private static InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was changed by another writer (expected ETag '{etag ?? "none"}').", etag ?? "", "unknown");
}
