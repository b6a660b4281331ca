using Collab.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// The statements a write is made of, each binding one row to a command of the write's transaction: the group
/// commit's appends and snapshots, and rewrites of stored payloads.
/// </summary>
public sealed partial class SqliteEventStore
{
    /// <summary>Binds <paramref name="upsert"/> (a command of the batch's transaction, prepared once) to the comment and runs it.</summary>
    private static async Task UpsertComment(SqliteCommand upsert, StoredComment comment, CancellationToken cancellationToken)
    {
        upsert.Parameters.Clear();
        upsert.CommandText = $"INSERT OR REPLACE INTO collab_comments ({CommentColumns}) VALUES ($thread, $id, $parent, $author, $text, $created, $edited, $reactions, $mentions, $last, $deleted, $deletedBy, $moderation)";
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
        upsert.Parameters.AddWithValue("$deleted", comment.DeletedAt is { } d ? ToMicros(d) : DBNull.Value);
        upsert.Parameters.AddWithValue("$deletedBy", (object?)comment.DeletedBy ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$moderation", (object?)comment.ModerationJson ?? DBNull.Value);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertSnapshot(SqliteCommand upsert, StoredSnapshot snapshot)
    {
        upsert.Parameters.Clear();
        upsert.CommandText = """
            INSERT INTO collab_snapshots (scope, seq, payload) VALUES ($scope, $seq, $payload)
            ON CONFLICT (scope, seq) DO UPDATE SET payload = excluded.payload
            """;
        upsert.Parameters.AddWithValue("$scope", snapshot.Scope);
        upsert.Parameters.AddWithValue("$seq", snapshot.Seq);
        upsert.Parameters.AddWithValue("$payload", snapshot.Payload);
        await upsert.ExecuteNonQueryAsync();
    }

    private static async Task Replace(SqliteConnection connection, SqliteTransaction transaction, string table, string scope,
        IReadOnlyList<PayloadRewrite> rewrites, CancellationToken cancellationToken)
    {
        foreach (var rewrite in rewrites)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE {table} SET payload = $payload WHERE scope = $scope AND seq = $seq";
            update.Parameters.AddWithValue("$payload", rewrite.Payload);
            update.Parameters.AddWithValue("$scope", scope);
            update.Parameters.AddWithValue("$seq", rewrite.Seq);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                throw new KeyNotFoundException($"Scope '{scope}' has no row in {table} with seq {rewrite.Seq} to rewrite.");
        }
    }

    /// <summary>
    /// Binds <paramref name="insert"/> (a command of the transaction; setting the same text again keeps its prepared
    /// statement) to the event and runs it.
    /// </summary>
    private static async Task InsertEvent(SqliteCommand insert, StoredEvent evt, CancellationToken cancellationToken)
    {
        insert.Parameters.Clear();
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
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique)
        {
            throw new EventSeqConflictException(evt.Scope, evt.Seq, ex);
        }
    }

    private static async Task ApplyRows(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RowChange>? rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows ?? [])
        {
            await using var change = connection.CreateCommand();
            change.Transaction = transaction;
            change.CommandText = row.Payload is null
                ? "DELETE FROM collab_rows WHERE scope = $scope AND collection = $collection AND key = $key"
                : $"INSERT OR REPLACE INTO collab_rows ({RowColumns}) VALUES ($scope, $collection, $key, $position, $payload)";
            change.Parameters.AddWithValue("$scope", row.Scope);
            change.Parameters.AddWithValue("$collection", row.Collection);
            change.Parameters.AddWithValue("$key", row.Key);
            if (row.Payload is not null)
            {
                change.Parameters.AddWithValue("$position", row.Position);
                change.Parameters.AddWithValue("$payload", row.Payload);
            }
            await change.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static long ToMicros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
