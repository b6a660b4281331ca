using Collab.Hosting.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collab.Bench.Measuring;

/// <summary>
/// What the database itself writes for some work: the growth of its write-ahead log (SQLite's -wal file after a
/// truncating checkpoint; PostgreSQL's insert position after a checkpoint). Every changed page or row passes
/// through it, so it is the storage cost of the work whatever the machine's speed.
/// </summary>
public static class WalBytes
{
    public static async Task<long> Sqlite(string path, Func<Task> work)
    {
        await SqliteExecute(path, "PRAGMA wal_checkpoint(TRUNCATE);");
        var wal = path + "-wal";
        var before = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        await work();
        return new FileInfo(wal).Length - before;
    }

    public static async Task<long> Postgres(NpgsqlDataSource db, Func<Task> work)
    {
        await PostgresExecute(db, "CHECKPOINT");
        var before = await Lsn(db);
        await work();
        await using var diff = db.CreateCommand($"SELECT pg_wal_lsn_diff('{await Lsn(db)}', '{before}')::bigint");
        return (long)(await diff.ExecuteScalarAsync())!;
    }

    public static async Task SqliteExecute(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task PostgresExecute(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> Lsn(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT pg_current_wal_insert_lsn()::text");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Opens (and migrates) a Collab SQLite file, so its tables exist before it is filled.</summary>
    public static async Task<SqliteDatabase> MigratedSqlite(string path)
    {
        var database = new SqliteDatabase(path);
        await (await database.OpenAsync()).DisposeAsync();
        return database;
    }
}
