using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the schema Collab needs: the Orleans ADO.NET contract (query table,
/// membership, grain state, reminders) and Collab's own event log. The scripts are embedded resources under
/// <c>Sql/Postgres</c>, applied in the order of their numeric prefix and recorded in
/// <c>collab_schema_migrations</c>. Safe to run on every start, from any number of silos at once.
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
    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        var scripts = LoadScripts();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // One transaction for everything: a failed script leaves the database as it was, and the
        // transaction-scoped lock is released by the commit or rollback even if this process dies.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two silos starting together would otherwise race on CREATE TABLE IF NOT EXISTS (which is not
        // atomic in PostgreSQL) and on the version rows. The second one waits here, then finds every
        // script recorded and applies nothing. No command timeout: how long to wait is the caller's
        // decision, through the cancellation token.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.CommandTimeout = 0;
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

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
