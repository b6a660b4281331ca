using Collab.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// <see cref="IEventStore"/> on the <c>collab_events</c>, <c>collab_comments</c> and <c>collab_snapshots</c> tables created by
/// <see cref="PostgresMigrator"/>. Every read is a primary-key range scan with a LIMIT, so its cost depends
/// on the page size, never on how long the scope already is.
/// </summary>
public sealed class PostgresEventStore : IEventStore, IAsyncDisposable, IDisposable
{
    // The unique constraints of collab_events in 100_collab_event_log.sql. Breaking either means another
    // writer already recorded this seq or this command in the scope, and the answer is the same for both:
    // the loser re-reads the log instead of writing.
    private const string EventsPrimaryKey = "pk_collab_events";
    private const string EventsCommandIdIndex = "ux_collab_events_scope_command_id";

    private const string InsertEventSql = """
        INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    private const string UpsertCommentSql = """
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

    private const string UpsertRowSql = """
        INSERT INTO collab_rows (scope, collection, key, position, payload) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (scope, collection, key) DO UPDATE SET position = EXCLUDED.position, payload = EXCLUDED.payload
        """;

    private const string DeleteRowSql = "DELETE FROM collab_rows WHERE scope = $1 AND collection = $2 AND key = $3";

    private const string RowColumns = "scope, collection, key, position, payload";

    private const string EventColumns = "scope, seq, kind, payload, actor_id, command_id, at";

    private const string CommentColumns =
        "thread_id, comment_id, parent_id, author_id, text, created_at, edited_at, reactions, mentions, last_seq, deleted_at, deleted_by, moderation";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Creates a store with its own connection pool for <paramref name="connectionString"/>.</summary>
    public PostgresEventStore(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true)
    {
    }

    /// <summary>Creates a store on a shared data source, which the caller keeps and disposes.</summary>
    public PostgresEventStore(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false)
    {
    }

    private PostgresEventStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    public async Task AppendAsync(StoredEvent evt, StoredComment? comment, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // A batch without an explicit transaction runs as one implicit transaction in one round trip: if the
        // event insert fails nothing after it runs, and if a comment or row fails the event is rolled back.
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(InsertEventCommand(evt));
        if (comment is not null)
        {
            batch.BatchCommands.Add(UpsertCommentCommand(comment));
        }

        foreach (var row in rows ?? [])
        {
            batch.BatchCommands.Add(RowCommand(row));
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (
            exception.SqlState == PostgresErrorCodes.UniqueViolation
            && exception.ConstraintName is EventsPrimaryKey or EventsCommandIdIndex)
        {
            throw new EventSeqConflictException(evt.Scope, evt.Seq, exception);
        }
    }

    public async Task<long> GetLastSeqAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);

        await using var command = _dataSource.CreateCommand(
            "SELECT seq FROM collab_events WHERE scope = $1 ORDER BY seq DESC LIMIT 1");
        command.Parameters.Add(Text(scope));
        var lastSeq = await command.ExecuteScalarAsync(cancellationToken);
        return lastSeq is long seq ? seq : 0;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(
        string scope, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(
            $"SELECT {EventColumns} FROM collab_events WHERE scope = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, ReadEvent, cancellationToken);
    }

    public async Task<StoredEvent?> FindByCommandIdAsync(
        string scope, string commandId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(commandId);

        await using var command = _dataSource.CreateCommand(
            $"SELECT {EventColumns} FROM collab_events WHERE scope = $1 AND command_id = $2");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(Text(commandId));
        var events = await ReadAllAsync(command, ReadEvent, cancellationToken);
        return events.Count == 0 ? null : events[0];
    }

    public async Task<StoredComment?> GetCommentAsync(
        string threadId, long commentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);

        await using var command = _dataSource.CreateCommand(
            $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $1 AND comment_id = $2");
        command.Parameters.Add(Text(threadId));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = commentId });
        var comments = await ReadAllAsync(command, ReadComment, cancellationToken);
        return comments.Count == 0 ? null : comments[0];
    }

    public async Task<IReadOnlyList<StoredComment>> ReadCommentsAsync(
        string threadId, long afterCommentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(
            $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $1 AND comment_id > $2 ORDER BY comment_id LIMIT $3");
        command.Parameters.Add(Text(threadId));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterCommentId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, ReadComment, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredComment>> ReadCommentsBeforeAsync(
        string threadId, long beforeCommentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {CommentColumns} FROM collab_comments WHERE thread_id = $1 AND comment_id < $2 ORDER BY comment_id DESC LIMIT $3");
        command.Parameters.Add(Text(threadId));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeCommentId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, ReadComment, cancellationToken);
    }

    public async Task<StoredRow?> GetRowAsync(string scope, string collection, string key, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {RowColumns} FROM collab_rows WHERE scope = $1 AND collection = $2 AND key = $3");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(Text(collection));
        command.Parameters.Add(Text(key));
        var rows = await ReadAllAsync(command, ReadRow, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<StoredRow>> ReadRowsAsync(
        string scope, string collection, RowCursor? after, int limit, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        var (compare, order) = newestFirst ? ("<", "DESC") : (">", "ASC");
        var past = after is null ? "" : $"AND (position, key) {compare} ($4, $5)";
        await using var command = _dataSource.CreateCommand(
            $"SELECT {RowColumns} FROM collab_rows WHERE scope = $1 AND collection = $2 {past} ORDER BY position {order}, key {order} LIMIT $3");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(Text(collection));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (after is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
            command.Parameters.Add(Text(after.Key));
        }

        return await ReadAllAsync(command, ReadRow, cancellationToken);
    }

    public async Task<int> CountRowsAsync(string scope, string collection, long afterPosition, int cap, CancellationToken cancellationToken = default)
    {
        // The inner LIMIT keeps the count as cheap as a page read however many rows there are.
        await using var command = _dataSource.CreateCommand(
            "SELECT COUNT(*) FROM (SELECT 1 FROM collab_rows WHERE scope = $1 AND collection = $2 AND position > $3 LIMIT $4) AS capped");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(Text(collection));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = cap });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(payload);

        await using var command = _dataSource.CreateCommand("""
            INSERT INTO collab_snapshots (scope, seq, payload) VALUES ($1, $2, $3)
            ON CONFLICT (scope, seq) DO UPDATE SET payload = EXCLUDED.payload
            """);
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        command.Parameters.Add(Text(payload));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);

        await using var command = _dataSource.CreateCommand(
            "SELECT scope, seq, payload FROM collab_snapshots WHERE scope = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = atOrBeforeSeq });
        var snapshots = await ReadAllAsync(
            command, reader => new StoredSnapshot(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)), cancellationToken);
        return snapshots.Count == 0 ? null : snapshots[0];
    }

    /// <summary>Drops the idle pooled connections, which all died if the server restarted.</summary>
    public void ClearPool() => _dataSource.Clear();

    public async Task RewriteAsync(string scope, IReadOnlyList<PayloadRewrite> events, IReadOnlyList<PayloadRewrite> snapshots,
        StoredEvent? append = null, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(snapshots);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The append goes first: when another writer moved the log, nothing of the rewrite is even attempted.
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (append is not null)
        {
            batch.BatchCommands.Add(InsertEventCommand(append));
        }

        foreach (var rewrite in events)
        {
            batch.BatchCommands.Add(ReplacePayloadCommand("collab_events", scope, rewrite));
        }

        foreach (var rewrite in snapshots)
        {
            batch.BatchCommands.Add(ReplacePayloadCommand("collab_snapshots", scope, rewrite));
        }

        foreach (var row in rows ?? [])
        {
            batch.BatchCommands.Add(RowCommand(row));
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (
            exception.SqlState == PostgresErrorCodes.UniqueViolation
            && exception.ConstraintName is EventsPrimaryKey or EventsCommandIdIndex)
        {
            throw new EventSeqConflictException(append!.Scope, append.Seq, exception);
        }

        var first = append is null ? 0 : 1;
        for (var i = 0; i < events.Count + snapshots.Count; i++)
        {
            if (batch.BatchCommands[first + i].RecordsAffected != 1)
            {
                var (table, seq) = i < events.Count ? ("collab_events", events[i].Seq) : ("collab_snapshots", snapshots[i - events.Count].Seq);
                throw new KeyNotFoundException($"Scope '{scope}' has no row in {table} with seq {seq} to rewrite.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    // Also synchronously disposable: a DI container disposed with Dispose() throws for services that are
    // only IAsyncDisposable.
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private static NpgsqlBatchCommand InsertEventCommand(StoredEvent evt) => new(InsertEventSql)
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

    private static NpgsqlBatchCommand ReplacePayloadCommand(string table, string scope, PayloadRewrite rewrite) =>
        new($"UPDATE {table} SET payload = $1 WHERE scope = $2 AND seq = $3")
        {
            Parameters = { Text(rewrite.Payload), Text(scope), new NpgsqlParameter<long> { TypedValue = rewrite.Seq } },
        };

    private static NpgsqlBatchCommand UpsertCommentCommand(StoredComment comment) => new(UpsertCommentSql)
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

    private static NpgsqlBatchCommand RowCommand(RowChange row)
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

    private static StoredRow ReadRow(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4));

    private static StoredEvent ReadEvent(NpgsqlDataReader reader) => new(
        Scope: reader.GetString(0),
        Seq: reader.GetInt64(1),
        Kind: reader.GetString(2),
        Payload: reader.GetString(3),
        ActorId: reader.GetString(4),
        CommandId: reader.IsDBNull(5) ? null : reader.GetString(5),
        At: reader.GetFieldValue<DateTimeOffset>(6));

    private static StoredComment ReadComment(NpgsqlDataReader reader) => new(
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

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
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

    private static NpgsqlParameter<string> Text(string value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private static NpgsqlParameter NullableText(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value is null ? DBNull.Value : value };

    // timestamptz stores an instant with microsecond precision and Npgsql only writes offset-zero values to
    // it, so the value is normalised to UTC; reads come back as UTC DateTimeOffsets of the same instant.
    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToUniversalTime() };
}
