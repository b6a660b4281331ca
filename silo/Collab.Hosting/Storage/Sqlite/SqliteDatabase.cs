using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Collab.Hosting.Storage.Sqlite;

/// <summary>
/// The embedded single-node database: one file, created and migrated on first use. WAL journaling lets
/// readers go on while one writer appends, which is the single-node workload.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _ready;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        _ready = new Lazy<Task>(MigrateAsync);
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _ready.Value;
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // NORMAL with WAL survives a process crash; only an OS crash can lose the last commits.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task MigrateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS collab_schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);");
        foreach (var (name, sql) in Scripts())
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT 1 FROM collab_schema_migrations WHERE name = $name";
            check.Parameters.AddWithValue("$name", name);
            if (await check.ExecuteScalarAsync() is not null) continue;

            await Execute(connection, transaction, sql);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO collab_schema_migrations (name, applied_at) VALUES ($name, $at)";
            record.Parameters.AddWithValue("$name", name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static IEnumerable<(string Name, string Sql)> Scripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Collab.Hosting.Sql.Sqlite.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
