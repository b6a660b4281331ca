using Collab.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>The event log, comment rows and keyed rows in the embedded SQLite file. Every read and write goes by an index.</summary>
public sealed partial class SqliteEventStore : IEventStore, IAsyncDisposable
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

    /// <summary>Closes the writer's connection after the batch being written, if any, and waits for a checkpoint still running; later appends fail.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writerLock.WaitAsync();
        try
        {
            _disposed = true;
            await DropWriterAsync();
            await _checkpoints.WhenIdleAsync();
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
}
