using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the schema Collab needs: the Orleans ADO.NET contract (query table,
/// membership, grain state, reminders) and Collab's own event log. The scripts are embedded resources under
/// <c>Sql/Postgres</c>, applied in the order of their numeric prefix and recorded in
/// <c>collab_schema_migrations</c>. Safe to run on every start, from any number of processes at once; in a
/// deployment it runs as its own step (<c>Collab.Silo migrate</c>), so running processes need no DDL rights.
/// </summary>
public static class PostgresMigrator
{
    // An arbitrary constant ("CollabDB" in ASCII) that nothing else in the database takes as an advisory lock.
    private const long MigrationLockKey = 0x436F6C6C61624442;

    private const string ResourceMarker = ".Sql.Postgres.";

    private const string CreateVersionTableSql = """
        CREATE TABLE IF NOT EXISTS collab_schema_migrations
        (
            script_name text NOT NULL,
            sha256 text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),

            CONSTRAINT pk_collab_schema_migrations PRIMARY KEY (script_name)
        );
        """;

    private const string RecordScriptSql = """
        INSERT INTO collab_schema_migrations (script_name, sha256, applied_at)
        VALUES (@name, @sha256, now())
        ON CONFLICT (script_name) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = EXCLUDED.applied_at;
        """;

    /// <summary>Applies every embedded script that is new, or changed since it was last applied.</summary>
    /// <param name="lockTimeout">How long to wait for another process's migration to finish (default: one minute); beyond, <see cref="TimeoutException"/>.</param>
    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        var scripts = LoadScripts();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // One transaction for everything: a failed script leaves the database as it was, and the
        // transaction-scoped lock is released by the commit or rollback even if this process dies.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two processes migrating together would otherwise race on CREATE TABLE IF NOT EXISTS (which is not
        // atomic in PostgreSQL) and on the version rows. The second one waits here, then finds every script
        // recorded and applies nothing; but only for a bounded time, so a migration stuck elsewhere (or a session
        // holding the lock) fails a deployment step clearly instead of hanging it.
        await AcquireLockAsync(connection, transaction, lockTimeout ?? DefaultLockTimeout, cancellationToken);

        await ExecuteAsync(connection, transaction, CreateVersionTableSql, cancellationToken);
        var appliedHashes = await ReadAppliedHashesAsync(connection, transaction, cancellationToken);

        var appliedCount = 0;
        foreach (var script in scripts)
        {
            if (appliedHashes.TryGetValue(script.Name, out var appliedHash))
            {
                if (appliedHash == script.Sha256)
                {
                    logger.SkippingAppliedScript(script.Name);
                    continue;
                }

                // Every script is idempotent, so an edited one (for example new Orleans query texts after an
                // upgrade) is simply run again rather than needing a script of its own.
                logger.ReapplyingChangedScript(script.Name, appliedHash, script.Sha256);
            }
            else
            {
                logger.ApplyingScript(script.Name);
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = new NpgsqlCommand(RecordScriptSql, connection, transaction))
            {
                record.Parameters.AddWithValue("name", script.Name);
                record.Parameters.AddWithValue("sha256", script.Sha256);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            appliedCount++;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.SchemaUpToDate(appliedCount, scripts.Count);
    }

    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(1);

    private static async Task AcquireLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        await using var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
        while (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
        {
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Another process held the migration lock for more than {timeout}; is a migration stuck?");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>
    /// Throws unless every embedded script was applied as it is now: how a process that does not migrate itself
    /// (<c>Collab:Storage:MigrateOnStart=false</c>) refuses to run on a schema it was not built for.
    /// </summary>
    public static async Task EnsureMigratedAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('collab_schema_migrations') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) throw NotMigrated("no migration was ever applied");
        }
        var applied = await ReadAppliedHashesAsync(connection, transaction, cancellationToken);
        var missing = LoadScripts().Where(s => !applied.TryGetValue(s.Name, out var hash) || hash != s.Sha256).Select(s => s.Name).ToList();
        if (missing.Count > 0) throw NotMigrated($"not applied as this version has them: {string.Join(", ", missing)}");
    }

    private static InvalidOperationException NotMigrated(string why) => new(
        $"The PostgreSQL schema is not up to date ({why}). Run the migration first: `Collab.Silo migrate` " +
        "(or set Collab:Storage:MigrateOnStart=true to let processes migrate at start).");

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadAppliedHashesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT script_name, sha256 FROM collab_schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static IReadOnlyList<MigrationScript> LoadScripts()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var markerIndex = resourceName.IndexOf(ResourceMarker, StringComparison.Ordinal);
            if (markerIndex < 0 || !resourceName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' could not be opened.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();

            scripts.Add(new MigrationScript(
                Name: resourceName[(markerIndex + ResourceMarker.Length)..],
                // An editor may have saved a byte order mark, which PostgreSQL would reject as a syntax error.
                Sql: Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'),
                Sha256: Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No embedded PostgreSQL scripts found in {assembly.GetName().Name}; Sql/Postgres/*.sql must be embedded resources.");
        }

        // The numeric prefixes are zero-padded, so ordinal order is application order.
        scripts.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return scripts;
    }

    private sealed record MigrationScript(string Name, string Sql, string Sha256);
}
