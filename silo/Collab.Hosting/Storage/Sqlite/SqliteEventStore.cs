using Collab.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>The event log, comment rows and keyed rows in the embedded SQLite file. Every read and write goes by an index.</summary>
public sealed class SqliteEventStore : IEventStore, IAsyncDisposable
{
    // The extended codes of a duplicate key: any other constraint failure (a trigger's, say) is not a taken seq.
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const string Savepoint = "append";

    /// <summary>
    /// At most this many appends per transaction, so one commit (and the wait of the first caller in it) stays short
    /// however many writers pile up.
    /// </summary>
    private const int MaxBatch = 256;

    /// <summary>Appends written since the last checkpoint started, past which the next one starts (see <see cref="SqliteCheckpoints"/>).</summary>
    private const int CheckpointEvery = 500;

    private readonly SqliteDatabase _database;
    private readonly GroupCommit<PendingAppend> _appends;
    private readonly SqliteCheckpoints _checkpoints;
    // The group commit's own connection and statements, kept open and prepared from one batch to the next: the group
    // commit writes one batch at a time, so nothing else ever uses them. Dropped after a failed batch, reopened by the next.
    private SqliteConnection? _writer;
    private SqliteCommand? _insertEvent;
    private SqliteCommand? _upsertComment;
    private SqliteCommand? _upsertSnapshot;
    private readonly SemaphoreSlim _writerLock = new(1, 1);
    private bool _disposed;

    public SqliteEventStore(SqliteDatabase database)
    {
        _database = database;
        _appends = new GroupCommit<PendingAppend>(WriteBatchAsync, MaxBatch);
        _checkpoints = new SqliteCheckpoints(database, CheckpointEvery);
    }

    private const string EventColumns = "scope, seq, kind, payload, actor_id, command_id, at_us";
    private const string CommentColumns =
        "thread_id, comment_id, parent_id, author_id, text, created_at_us, edited_at_us, reactions, mentions, last_seq, deleted_at_us, deleted_by, moderation";
    private const string RowColumns = "scope, collection, key, position, payload";

    /// <summary>
    /// Written at once when no other append is being written, else queued for the next group commit
    /// (<see cref="GroupCommit{TItem}"/>): appends from many grains that arrive while one transaction is being written
    /// share the next one. The caller's task completes only once its own event is committed, or fails with its own
    /// error (<see cref="EventSeqConflictException"/> for a taken seq or command id).
    /// </summary>
    public Task AppendAsync(StoredEvent evt, StoredComment? comment, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        cancellationToken.ThrowIfCancellationRequested();
        return _appends.WriteAsync(new PendingAppend([evt], comment, rows));
    }

    /// <summary>
    /// One item of the group commit, so the batch shares its transaction with other grains' appends and is written or
    /// undone (its savepoint) as a whole. Written on the thread pool: Microsoft.Data.Sqlite's async calls run
    /// synchronously, and a caller that batches (a document pipelining its operations) must get its thread back while
    /// SQLite writes, or nothing could queue behind the batch; one thread hop per batch is shared by all of it.
    /// </summary>
    public Task AppendBatchAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("A batch holds at least one event.", nameof(events));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => _appends.WriteAsync(new PendingAppend(events, null, null)), CancellationToken.None);
    }

    /// <summary>
    /// Writes <paramref name="appends"/> in one transaction, in order, each under its own savepoint, and answers each
    /// one's failure (null when it was written). An append that fails is undone alone; the appends after it in the
    /// same scope fail as well (each seq follows the one before, which is not there), other scopes' are unaffected.
    /// Throws, writing nothing, when the transaction itself fails (cannot begin, undo or commit). A batch of one needs
    /// no savepoint: its failure is the transaction's, and is thrown.
    /// </summary>
    public async Task<IReadOnlyList<Exception?>> WriteBatchAsync(IReadOnlyList<PendingAppend> appends)
    {
        // Never contended while the store is in use (the group commit writes one batch at a time); it only keeps
        // DisposeAsync from closing the connection under a batch.
        await _writerLock.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var outcomes = await WriteBatchOnWriterAsync(appends);
            _checkpoints.Written(appends.Count);
            return outcomes;
        }
        catch
        {
            await DropWriterAsync();
            throw;
        }
        finally
        {
            _writerLock.Release();
        }
    }

    private async Task<IReadOnlyList<Exception?>> WriteBatchOnWriterAsync(IReadOnlyList<PendingAppend> appends)
    {
        var outcomes = new Exception?[appends.Count];
        var failedScopes = new Dictionary<string, Exception>();
        var connection = await WriterAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        (_insertEvent!.Transaction, _upsertComment!.Transaction, _upsertSnapshot!.Transaction) = (transaction, transaction, transaction);
        if (appends is [var one])
        {
            await WriteAsync(connection, transaction, one);
            await transaction.CommitAsync();
            return outcomes;
        }
        for (var i = 0; i < appends.Count; i++)
        {
            var pending = appends[i];
            // A snapshot follows its own acknowledged appends, so an append refused in this batch is never its scope's.
            if (pending.Events is [var first, ..] && failedScopes.TryGetValue(first.Scope, out var earlier))
            {
                outcomes[i] = earlier is EventSeqConflictException ? new EventSeqConflictException(first.Scope, first.Seq, earlier) : earlier;
                continue;
            }
            await transaction.SaveAsync(Savepoint);
            try
            {
                await WriteAsync(connection, transaction, pending);
            }
            catch (Exception ex) when (ex is EventSeqConflictException or SqliteException)
            {
                // When SQLite already abandoned the whole transaction (an I/O error, a full disk) there is nothing to
                // undo to: the batch fails as a whole, with this error.
                if (!await UndoAsync(transaction)) throw;
                outcomes[i] = ex;
                if (pending.Events is [var failed, ..]) failedScopes[failed.Scope] = ex;
            }
            await transaction.ReleaseAsync(Savepoint);
        }
        await transaction.CommitAsync();
        return outcomes;
    }

    /// <summary>One item of a batch, on the writer's statements of the batch's transaction.</summary>
    private async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, PendingAppend pending)
    {
        foreach (var evt in pending.Events) await InsertEvent(_insertEvent!, evt, CancellationToken.None);
        if (pending.Comment is not null) await UpsertComment(_upsertComment!, pending.Comment, CancellationToken.None);
        await ApplyRows(connection, transaction, pending.Rows, CancellationToken.None);
        if (pending.Snapshot is { } snapshot) await UpsertSnapshot(_upsertSnapshot!, snapshot);
    }

    private async Task<SqliteConnection> WriterAsync()
    {
        if (_writer is not null) return _writer;
        var writer = await _database.OpenAsync();
        await SqliteCheckpoints.HandOverAsync(writer);
        (_writer, _insertEvent, _upsertComment, _upsertSnapshot) = (writer, writer.CreateCommand(), writer.CreateCommand(), writer.CreateCommand());
        return writer;
    }

    private async Task DropWriterAsync()
    {
        if (_insertEvent is not null) await _insertEvent.DisposeAsync();
        if (_upsertComment is not null) await _upsertComment.DisposeAsync();
        if (_upsertSnapshot is not null) await _upsertSnapshot.DisposeAsync();
        if (_writer is not null)
        {
            try
            {
                await SqliteCheckpoints.HandBackAsync(_writer);
            }
            catch (SqliteException)
            {
                // Not given back as it is: with its pool cleared, disposing it below closes it instead of pooling it,
                // so no other reader or writer gets a connection without SQLite's automatic checkpoint.
                SqliteConnection.ClearPool(_writer);
            }
            await _writer.DisposeAsync();
        }
        (_writer, _insertEvent, _upsertComment, _upsertSnapshot) = (null, null, null, null);
    }

    /// <summary>Closes the writer's connection after the batch being written, if any; later appends fail.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writerLock.WaitAsync();
        try
        {
            _disposed = true;
            await DropWriterAsync();
        }
        finally
        {
            _writerLock.Release();
        }
    }

    private static async Task<bool> UndoAsync(SqliteTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(Savepoint);
            return true;
        }
        // Microsoft.Data.Sqlite notices that SQLite rolled the transaction back and refuses to use it further.
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            return false;
        }
    }

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

    /// <summary>
    /// Through the group commit, as an item of the next batch: SQLite has one writer at a time, and a snapshot written
    /// on a connection of its own would wait for the group commit's lock (SQLite's busy handler sleeps), and the
    /// appends queued behind it for the snapshot.
    /// </summary>
    public Task SaveSnapshotAsync(string scope, long seq, string payload, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _appends.WriteAsync(PendingAppend.Of(new StoredSnapshot(scope, seq, payload)));
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

    public async Task<StoredSnapshot?> LatestSnapshotAsync(string scope, long atOrBeforeSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT scope, seq, payload FROM collab_snapshots WHERE scope = $scope AND seq <= $seq ORDER BY seq DESC LIMIT 1";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$seq", atOrBeforeSeq);
        return (await ReadAll(command, r => new StoredSnapshot(r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken)).SingleOrDefault();
    }

    public async Task RewriteAsync(string scope, IReadOnlyList<PayloadRewrite> events, IReadOnlyList<PayloadRewrite> snapshots,
        StoredEvent? append = null, IReadOnlyList<RowChange>? rows = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // The append goes first: when another writer moved the log, nothing of the rewrite is even attempted.
        if (append is not null)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            await InsertEvent(insert, append, cancellationToken);
        }
        await Replace(connection, transaction, "collab_events", scope, events, cancellationToken);
        await Replace(connection, transaction, "collab_snapshots", scope, snapshots, cancellationToken);
        await ApplyRows(connection, transaction, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private static long ToMicros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
