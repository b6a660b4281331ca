using Collab.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// The SQL of <see cref="PostgresEventStore"/> and how its rows and parameters map to Collab's records, kept apart
/// from the store's operations so each reads on its own.
/// </summary>
internal static class PostgresCommands
{
    public const string InsertEventSql = """
        INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public const string UpsertCommentSql = """
        INSERT INTO collab_comments
            (thread_id, comment_id, parent_id, author_id, text, created_at, edited_at, reactions, mentions, last_seq, deleted_at, deleted_by, moderation)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (thread_id, comment_id) DO UPDATE SET
            parent_id = EXCLUDED.parent_id,
            author_id = EXCLUDED.author_id,
            text = EXCLUDED.text,
            created_at = EXCLUDED.created_at,
            edited_at = EXCLUDED.edited_at,
            reactions = EXCLUDED.reactions,
            mentions = EXCLUDED.mentions,
            last_seq = EXCLUDED.last_seq,
            deleted_at = EXCLUDED.deleted_at,
            deleted_by = EXCLUDED.deleted_by,
            moderation = EXCLUDED.moderation
        """;

    public const string UpsertRowSql = """
        INSERT INTO collab_rows (scope, collection, key, position, payload) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (scope, collection, key) DO UPDATE SET position = EXCLUDED.position, payload = EXCLUDED.payload
        """;

    public const string DeleteRowSql = "DELETE FROM collab_rows WHERE scope = $1 AND collection = $2 AND key = $3";

    public const string RowColumns = "scope, collection, key, position, payload";

    public const string EventColumns = "scope, seq, kind, payload, actor_id, command_id, at";

    public const string CommentColumns =
        "thread_id, comment_id, parent_id, author_id, text, created_at, edited_at, reactions, mentions, last_seq, deleted_at, deleted_by, moderation";

    public static NpgsqlBatchCommand InsertEventCommand(StoredEvent evt) => new(InsertEventSql)
    {
        Parameters =
        {
            Text(evt.Scope),
            new NpgsqlParameter<long> { TypedValue = evt.Seq },
            Text(evt.Kind),
            Text(evt.Payload),
            Text(evt.ActorId),
            NullableText(evt.CommandId),
            Timestamp(evt.At),
        },
    };

    public static NpgsqlBatchCommand ReplacePayloadCommand(string table, string scope, PayloadRewrite rewrite) =>
        new($"UPDATE {table} SET payload = $1 WHERE scope = $2 AND seq = $3")
        {
            Parameters = { Text(rewrite.Payload), Text(scope), new NpgsqlParameter<long> { TypedValue = rewrite.Seq } },
        };

    public static NpgsqlBatchCommand UpsertCommentCommand(StoredComment comment) => new(UpsertCommentSql)
    {
        Parameters =
        {
            Text(comment.ThreadId),
            new NpgsqlParameter<long> { TypedValue = comment.CommentId },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = comment.ParentId is { } parentId ? parentId : DBNull.Value },
            Text(comment.AuthorId),
            Text(comment.Text),
            Timestamp(comment.CreatedAt),
            new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlDbType.TimestampTz,
                Value = comment.EditedAt is { } editedAt ? editedAt.ToUniversalTime() : DBNull.Value,
            },
            Text(comment.ReactionsJson),
            Text(comment.MentionsJson),
            new NpgsqlParameter<long> { TypedValue = comment.LastSeq },
            new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlDbType.TimestampTz,
                Value = comment.DeletedAt is { } deletedAt ? deletedAt.ToUniversalTime() : DBNull.Value,
            },
            NullableText(comment.DeletedBy),
            NullableText(comment.ModerationJson),
        },
    };

    public static NpgsqlBatchCommand RowCommand(RowChange row)
    {
        var command = new NpgsqlBatchCommand(row.Payload is null ? DeleteRowSql : UpsertRowSql)
        {
            Parameters = { Text(row.Scope), Text(row.Collection), Text(row.Key) },
        };
        if (row.Payload is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Position });
            command.Parameters.Add(Text(row.Payload));
        }

        return command;
    }

    public static StoredRow ReadRow(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4));

    public static StoredEvent ReadEvent(NpgsqlDataReader reader) => new(
        Scope: reader.GetString(0),
        Seq: reader.GetInt64(1),
        Kind: reader.GetString(2),
        Payload: reader.GetString(3),
        ActorId: reader.GetString(4),
        CommandId: reader.IsDBNull(5) ? null : reader.GetString(5),
        At: reader.GetFieldValue<DateTimeOffset>(6));

    public static StoredComment ReadComment(NpgsqlDataReader reader) => new(
        ThreadId: reader.GetString(0),
        CommentId: reader.GetInt64(1),
        ParentId: reader.IsDBNull(2) ? null : reader.GetInt64(2),
        AuthorId: reader.GetString(3),
        Text: reader.GetString(4),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(5),
        EditedAt: reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        ReactionsJson: reader.GetString(7),
        MentionsJson: reader.GetString(8),
        LastSeq: reader.GetInt64(9),
        DeletedAt: reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        DeletedBy: reader.IsDBNull(11) ? null : reader.GetString(11),
        ModerationJson: reader.IsDBNull(12) ? null : reader.GetString(12));

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static NpgsqlParameter<string> Text(string value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter NullableText(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value is null ? DBNull.Value : value };

    // timestamptz stores an instant with microsecond precision and Npgsql only writes offset-zero values to
    // it, so the value is normalised to UTC; reads come back as UTC DateTimeOffsets of the same instant.
    public static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToUniversalTime() };
}
