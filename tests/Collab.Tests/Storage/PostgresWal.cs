using Npgsql;

namespace Collab.Tests.Storage;

/// <summary>
/// Counts what PostgreSQL itself writes: the growth of its write-ahead log (the insert position) over some work,
/// not how long it took. Every change of a row, index entry or page passes through that log.
/// </summary>
public static class PostgresWal
{
    public static async Task<long> BytesWrittenBy(NpgsqlDataSource db, Func<Task> work)
    {
        // A checkpoint first, so every measurement starts alike (the first change of a page after one may log the whole page).
        await Execute(db, "CHECKPOINT");
        var before = await Lsn(db);
        await work();
        await using var diff = db.CreateCommand($"SELECT pg_wal_lsn_diff('{await Lsn(db)}', '{before}')::bigint");
        return (long)(await diff.ExecuteScalarAsync())!;
    }

    public static async Task Execute(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> Lsn(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT pg_current_wal_insert_lsn()::text");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
