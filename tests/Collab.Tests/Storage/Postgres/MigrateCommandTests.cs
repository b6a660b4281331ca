using System.Diagnostics;
using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Collab.Tests.Ot;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Collab.Tests.Storage.Postgres;

/// <summary>The migration as its own deployment step, and processes that then run without DDL rights.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresServer server)
{
    [Fact]
    public async Task Migrate_command_applies_the_schema_and_a_silo_that_does_not_migrate_runs_on_it_but_refuses_an_unmigrated_database()
    {
        var migrated = await server.CreateDatabaseAsync();
        var (exitCode, output) = await RunSiloAsync(["migrate"], new() { ["Collab__Storage__PostgresConnectionString"] = migrated });
        Assert.True(exitCode == 0, output);
        await using (var connection = new NpgsqlConnection(migrated))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM collab_schema_migrations", connection);
            Assert.True((long)(await count.ExecuteScalarAsync())! >= 7);
        }

        var noDdl = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:MigrateOnStart"] = "false",
            ["Collab:Cluster:ClusterId"] = $"migrate-{Guid.NewGuid():N}",
        };
        await using (var silo = await ExternalHost.StartSiloAsync(new Dictionary<string, string?>(noDdl) { ["Collab:Storage:PostgresConnectionString"] = migrated }))
        using (var http = new HttpClient { BaseAddress = silo.Address })
        {
            Assert.True((await http.GetAsync("/health/ready")).IsSuccessStatusCode);
        }

        var empty = await server.CreateDatabaseAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ExternalHost.StartSiloAsync(new Dictionary<string, string?>(noDdl) { ["Collab:Storage:PostgresConnectionString"] = empty }));
        var (refusedCode, refusedOutput) = await RunSiloAsync([], new()
        {
            ["Collab__Storage__PostgresConnectionString"] = empty, ["Collab__Storage__MigrateOnStart"] = "false",
            ["Collab__Cluster__ClusterId"] = $"migrate-{Guid.NewGuid():N}", ["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
        });
        Assert.NotEqual(0, refusedCode);
        Assert.Contains("Collab.Silo migrate", refusedOutput);
    }

    [Fact]
    public async Task A_migration_waits_for_another_ones_lock_only_as_long_as_configured()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(x'436F6C6C61624442'::bigint)", holder)) await hold.ExecuteNonQueryAsync();

        // The wait ends by itself with a clear error (how long it took is no test's business on a shared machine).
        var refused = await Assert.ThrowsAsync<TimeoutException>(() =>
            PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance, lockTimeout: TimeSpan.FromSeconds(1)));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        await using var applied = new NpgsqlCommand("SELECT to_regclass('collab_events') IS NULL", holder);
        Assert.True((bool)(await applied.ExecuteScalarAsync())!, "nothing was migrated while the other migration held the lock");
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "silo", "Collab.Silo", "bin", "Debug", "net10.0", "Collab.Silo.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Collab__Storage__Mode"] = "Postgres";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
