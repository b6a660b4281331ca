using Collab.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>The event store's reads: each one query by an index, on a pooled connection of its own.</summary>
public sealed partial class SqliteEventStore
{
    public async Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM collab_events WHERE scope = $scope";
        command.Parameters.AddWithValue("$scope", scope);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM collab_events WHERE scope = $scope AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAll(command, ReadEvent, cancellationToken);
    }

    public async Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM collab_events WHERE scope = $scope AND command_id = $command";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$command", commandId);
        return (await ReadAll(command, ReadEvent, cancellationToken)).SingleOrDefault();
    }

    public async Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $thread AND comment_id = $id";
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$id", commentId);
        return (await ReadAll(command, ReadComment, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $thread AND comment_id > $after ORDER BY comment_id LIMIT $limit";
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$after", afterCommentId);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAll(command, ReadComment, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredComment>> ReadCommentsBeforeAsync(string threadId, long beforeCommentId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $thread AND comment_id < $before ORDER BY comment_id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$before", beforeCommentId);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAll(command, ReadComment, cancellationToken);
    }

    public async Task<StoredRow?> GetRowAsync(string scope, string collection, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RowColumns} FROM collab_rows WHERE scope = $scope AND collection = $collection AND key = $key";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$key", key);
        return (await ReadAll(command, ReadRow, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string scope, string collection, RowCursor? after, int limit, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var (compare, order) = newestFirst ? ("<", "DESC") : (">", "ASC");
        var past = after is null ? "" : $"AND (position, key) {compare} ($position, $key)";
        command.CommandText = $"SELECT {RowColumns} FROM collab_rows WHERE scope = $scope AND collection = $collection {past} ORDER BY position {order}, key {order} LIMIT $limit";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$limit", limit);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$position", after.Position);
            command.Parameters.AddWithValue("$key", after.Key);
        }
        return await ReadAll(command, ReadRow, cancellationToken);
    }

    public async Task<int> CountRowsAsync(string scope, string collection, long afterPosition, int cap, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The inner LIMIT keeps the count as cheap as a page read however many rows there are.
        command.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM collab_rows WHERE scope = $scope AND collection = $collection AND position > $after LIMIT $cap)";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$collection", collection);
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$cap", cap);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT scope, seq, payload FROM collab_snapshots WHERE scope = $scope AND seq <= $seq ORDER BY seq DESC LIMIT 1";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$seq", atOrBeforeSeq);
        return (await ReadAll(command, r => new StoredSnapshot(r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<T>> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    private static StoredEvent ReadEvent(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), FromMicros(r.GetInt64(6)));

    private static StoredComment ReadComment(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), r.GetString(4),
        FromMicros(r.GetInt64(5)), r.IsDBNull(6) ? null : FromMicros(r.GetInt64(6)),
        r.GetString(7), r.GetString(8), r.GetInt64(9),
        r.IsDBNull(10) ? null : FromMicros(r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12));

    private static StoredRow ReadRow(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4));

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
