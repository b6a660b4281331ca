using Collab.Grains.Storage;
using Npgsql;
using NpgsqlTypes;
using static Collab.Hosting.Storage.Postgres.PostgresCommands;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// <see cref="IEventStore"/> on the <c>collab_events</c>, <c>collab_comments</c> and <c>collab_snapshots</c> tables created by
/// <see cref="PostgresMigrator"/>. Every read is a primary-key range scan with a LIMIT, so its cost depends
/// on the page size, never on how long the scope already is.
/// </summary>
public sealed class PostgresEventStore : IEventStore, IAsyncDisposable, IDisposable
{
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

        await ExecuteAppendingAsync(batch, evt, cancellationToken);
    }

    /// <summary>
    /// One round trip, one implicit transaction: a batch without an explicit transaction stops at the first failing
    /// insert and rolls back the ones before it, so a taken seq or command id anywhere leaves nothing of the batch.
    /// </summary>
    public async Task AppendBatchAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one event.", nameof(events));
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var evt in events)
        {
            batch.BatchCommands.Add(InsertEventCommand(evt));
        }

        await ExecuteAppendingAsync(batch, events[0], cancellationToken);
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

        await ExecuteAppendingAsync(batch, append, cancellationToken);

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

    // The unique constraints of collab_events in 100_collab_event_log.sql. Breaking either means another
    // writer already recorded this seq or this command in the scope, and the answer is the same for both:
    // the loser re-reads the log instead of writing.
    private static async Task ExecuteAppendingAsync(NpgsqlBatch batch, StoredEvent? appended, CancellationToken cancellationToken)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (
            appended is not null
            && exception.SqlState == PostgresErrorCodes.UniqueViolation
            && exception.ConstraintName is "pk_collab_events" or "ux_collab_events_scope_command_id")
        {
            throw new EventSeqConflictException(appended.Scope, appended.Seq, exception);
        }
    }
}
