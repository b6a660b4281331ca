using Collab.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>The event log and comment rows in the embedded SQLite file. Every read and write goes by primary key.</summary>
public sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    private const int SqliteConstraint = 19;

    private const string EventColumns = "scope, seq, kind, payload, actor_id, command_id, at_us";
    private const string CommentColumns =
        "thread_id, comment_id, parent_id, author_id, text, created_at_us, edited_at_us, reactions, mentions, last_seq";

    public async Task AppendAsync(StoredEvent evt, StoredComment? comment, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO collab_events ({EventColumns}) VALUES ($scope, $seq, $kind, $payload, $actor, $command, $at)";
            insert.Parameters.AddWithValue("$scope", evt.Scope);
            insert.Parameters.AddWithValue("$seq", evt.Seq);
            insert.Parameters.AddWithValue("$kind", evt.Kind);
            insert.Parameters.AddWithValue("$payload", evt.Payload);
            insert.Parameters.AddWithValue("$actor", evt.ActorId);
            insert.Parameters.AddWithValue("$command", (object?)evt.CommandId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$at", ToMicros(evt.At));
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            // The seq or the command id is taken: another activation of the same grain wrote first.
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                throw new EventSeqConflictException(evt.Scope, evt.Seq, ex);
            }
        }

        if (comment is not null)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = $"INSERT OR REPLACE INTO collab_comments ({CommentColumns}) VALUES ($thread, $id, $parent, $author, $text, $created, $edited, $reactions, $mentions, $last)";
            upsert.Parameters.AddWithValue("$thread", comment.ThreadId);
            upsert.Parameters.AddWithValue("$id", comment.CommentId);
            upsert.Parameters.AddWithValue("$parent", (object?)comment.ParentId ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$author", comment.AuthorId);
            upsert.Parameters.AddWithValue("$text", comment.Text);
            upsert.Parameters.AddWithValue("$created", ToMicros(comment.CreatedAt));
            upsert.Parameters.AddWithValue("$edited", comment.EditedAt is { } e ? ToMicros(e) : DBNull.Value);
            upsert.Parameters.AddWithValue("$reactions", comment.ReactionsJson);
            upsert.Parameters.AddWithValue("$mentions", comment.MentionsJson);
            upsert.Parameters.AddWithValue("$last", comment.LastSeq);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM collab_events WHERE scope = $scope";
        command.Parameters.AddWithValue("$scope", scope);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string scope, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM collab_events WHERE scope = $scope AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAll(command, ReadEvent, cancellationToken);
    }

    public async Task<StoredEvent?> FindByCommandIdAsync(string scope, string commandId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM collab_events WHERE scope = $scope AND command_id = $command";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$command", commandId);
        return (await ReadAll(command, ReadEvent, cancellationToken)).SingleOrDefault();
    }

    public async Task<StoredComment?> GetCommentAsync(string threadId, long commentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $thread AND comment_id = $id";
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$id", commentId);
        return (await ReadAll(command, ReadComment, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $thread AND comment_id > $after ORDER BY comment_id LIMIT $limit";
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$after", afterCommentId);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAll(command, ReadComment, cancellationToken);
    }

    public async Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO collab_snapshots (scope, seq, payload) VALUES ($scope, $seq, $payload)
            ON CONFLICT (scope, seq) DO UPDATE SET payload = excluded.payload
            """;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
        r.GetString(7), r.GetString(8), r.GetInt64(9));

    private static long ToMicros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
