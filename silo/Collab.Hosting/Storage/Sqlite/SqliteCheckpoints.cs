using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// Checkpoints of the write-ahead log, off the writer's path. SQLite's automatic checkpoint runs inside the commit
/// that crosses its threshold: that commit copies the log back into the database and syncs both files while every
/// append queued behind it waits. The event store's writer turns it off, and this starts a passive checkpoint on a
/// connection of its own after every <c>every</c> appends, one at a time; in WAL mode appends go on meanwhile.
/// </summary>
/// <remarks>
/// Passive: it never waits for readers or the writer and copies what it can; the next one goes on from there, and the
/// log restarts from its beginning once a checkpoint has copied all of it. Every other connection keeps SQLite's
/// automatic checkpoint, so the log stays bounded even if this falls behind.
/// </remarks>
public sealed class SqliteCheckpoints(SqliteDatabase database, int every)
{
    private int _sinceLast;
    private int _running;
    private Task _last = Task.CompletedTask;

    /// <summary>Turns the automatic checkpoint off on <paramref name="writer"/>: this class checkpoints for it.</summary>
    public static async Task HandOverAsync(SqliteConnection writer)
    {
        await using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 0;";
        await pragma.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Turns SQLite's automatic checkpoint back on (its default threshold, 1,000 pages) on a writer being closed: the
    /// connection goes back to the pool, to be any other reader or writer's.
    /// </summary>
    public static async Task HandBackAsync(SqliteConnection writer)
    {
        await using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 1000;";
        await pragma.ExecuteNonQueryAsync();
    }

    /// <summary>Counts <paramref name="appends"/> committed by the writer; starts a checkpoint when enough were.</summary>
    public void Written(int appends)
    {
        if ((_sinceLast += appends) < every || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        _sinceLast = 0;
        _last = Task.Run(CheckpointAsync);
    }

    /// <summary>Completes when the checkpoint started last has finished (it never throws), so a closed store leaves nothing running on its file.</summary>
    public Task WhenIdleAsync() => _last;

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = await database.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        catch (SqliteException)
        {
            // Nothing is lost: the log keeps every commit, and the next checkpoint (or another connection's
            // automatic one) copies it back.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
