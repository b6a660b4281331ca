using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Collab.Tests.Storage.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigratorTests(PostgresServer server)
{
    private static readonly string[] ScriptNames =
    [
        "001_orleans_main.sql",
        "002_orleans_clustering.sql",
        "003_orleans_persistence.sql",
        "004_orleans_reminders.sql",
        "100_collab_event_log.sql",
        "101_collab_snapshots.sql",
        "102_collab_rows.sql",
        "103_collab_comment_moderation.sql",
    ];

    // Every key that the Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet 10.4.2 assemblies read
    // from OrleansQuery (the "...Key" strings in their metadata), including the ones they use when present
    // (CleanupDefunctSiloEntryKey, DeleteStorageKey). A missing required key fails silo start-up.
    private static readonly string[] OrleansQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
        "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey",
        "InsertMembershipKey",
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
        "ClearStorageKey",
        "DeleteStorageKey",
        "ReadFromStorageKey",
        "WriteToStorageKey",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "ReadReminderRowKey",
        "ReadReminderRowsKey",
        "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task Migration_is_idempotent_when_applied_twice()
    {
        var connectionString = await server.CreateDatabaseAsync();

        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        var afterFirstRun = await ReadAppliedScriptsAsync(connectionString);
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        var afterSecondRun = await ReadAppliedScriptsAsync(connectionString);

        Assert.Equal(ScriptNames, afterFirstRun.Select(script => script.Name));
        // Same hashes and same applied_at: the second run found everything applied and ran nothing.
        Assert.Equal(afterFirstRun, afterSecondRun);
        Assert.Empty(OrleansQueryKeys.Except(await ReadQueryKeysAsync(connectionString)));
    }

    [Fact]
    public async Task Concurrent_migrations_from_two_silos_both_succeed_and_apply_each_script_once()
    {
        var connectionString = await server.CreateDatabaseAsync();

        await Task.WhenAll(
            Task.Run(() => PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance)),
            Task.Run(() => PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance)));

        Assert.Equal(ScriptNames, (await ReadAppliedScriptsAsync(connectionString)).Select(script => script.Name));
        Assert.Empty(OrleansQueryKeys.Except(await ReadQueryKeysAsync(connectionString)));
    }

    [Fact]
    public async Task Script_whose_recorded_hash_differs_is_applied_again()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        var original = await ReadAppliedScriptsAsync(connectionString);
        await ExecuteAsync(connectionString, """
            DELETE FROM OrleansQuery WHERE QueryKey = 'UpsertReminderRowKey';
            UPDATE collab_schema_migrations SET sha256 = 'outdated' WHERE script_name = '004_orleans_reminders.sql';
            """);

        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);

        Assert.Contains("UpsertReminderRowKey", await ReadQueryKeysAsync(connectionString));
        Assert.Equal(original.Select(script => script.Sha256), (await ReadAppliedScriptsAsync(connectionString)).Select(script => script.Sha256));
    }

    private static async Task<List<AppliedScript>> ReadAppliedScriptsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT script_name, sha256, applied_at FROM collab_schema_migrations ORDER BY script_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var scripts = new List<AppliedScript>();
        while (await reader.ReadAsync())
        {
            scripts.Add(new AppliedScript(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return scripts;
    }

    private static async Task<HashSet<string>> ReadQueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record AppliedScript(string Name, string Sha256, DateTimeOffset AppliedAt);
}
