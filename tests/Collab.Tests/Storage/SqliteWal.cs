using Collab.Hosting.Storage.Sqlite;

namespace Collab.Tests.Storage;

/// <summary>
/// Counts what SQLite itself writes: after a checkpoint empties the write-ahead log, every committed page lands
/// in it, so its growth is the storage work done, independent of the machine's speed.
/// </summary>
public static class SqliteWal
{
    public static async Task<long> BytesWrittenBy(SqliteDatabase database, Func<Task> work)
    {
        await Execute(database, "PRAGMA wal_checkpoint(TRUNCATE);");
        var wal = database.Path + "-wal";
        var before = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        await work();
        return new FileInfo(wal).Length - before;
    }

    public static async Task Execute(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
