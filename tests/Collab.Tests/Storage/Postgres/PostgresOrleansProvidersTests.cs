using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Collab.Tests.Storage.Postgres;

/// <summary>
/// The Orleans ADO.NET providers of 10.4.2 against the migrated schema on a real PostgreSQL server: if a
/// query text, parameter name or column type does not match what the provider sends, these fail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOrleansProvidersTests(PostgresServer server)
{
    private const int ActiveStatus = (int)SiloStatus.Active;
    private const int DeadStatus = (int)SiloStatus.Dead;
    private const string NoteGrainType = "Collab.Tests.Storage.Postgres.NoteGrain";

    [Fact]
    public async Task Two_silos_form_one_cluster_through_AdoNet_clustering()
    {
        var connectionString = await MigratedDatabaseAsync();
        var clusterId = UniqueId("cluster");
        await using var cluster = PostgresOrleansConfigurator
            .CreateBuilder(connectionString, initialSilos: 2, clusterId, UniqueId("service"))
            .Build();

        await cluster.DeployAsync();

        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, await CountSilosAsync(connectionString, clusterId, ActiveStatus));
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Grain_state_survives_a_restart_of_the_whole_cluster()
    {
        var connectionString = await MigratedDatabaseAsync();
        var clusterId = UniqueId("cluster");
        var serviceId = UniqueId("service");
        var noteKey = UniqueId("note");

        await using (var first = PostgresOrleansConfigurator.CreateBuilder(connectionString, 2, clusterId, serviceId).Build())
        {
            await first.DeployAsync();
            await first.Client.GetGrain<INoteGrain>(noteKey).SaveAsync("kept across restarts");
            await first.StopAllSilosAsync();
        }

        await using var second = PostgresOrleansConfigurator.CreateBuilder(connectionString, 2, clusterId, serviceId).Build();
        await second.DeployAsync();
        var text = await second.Client.GetGrain<INoteGrain>(noteKey).ReadAsync();

        Assert.Equal("kept across restarts", text);
        await second.StopAllSilosAsync();
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_InconsistentStateException()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = await SingleSiloAsync(connectionString);
        var storage = cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(PostgresOrleansConfigurator.StorageName);
        var grainId = GrainId.Create("note", UniqueId("note"));

        var created = new GrainState<NoteState>(new NoteState { Text = "v1" });
        await storage.WriteStateAsync(NoteGrainType, grainId, created);
        var firstWriter = new GrainState<NoteState>(new NoteState { Text = "first" }) { ETag = created.ETag };
        var secondWriter = new GrainState<NoteState>(new NoteState { Text = "second" }) { ETag = created.ETag };
        await storage.WriteStateAsync(NoteGrainType, grainId, firstWriter);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(NoteGrainType, grainId, secondWriter));

        var stored = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync(NoteGrainType, grainId, stored);
        Assert.Equal("first", stored.State?.Text);
        Assert.Equal(firstWriter.ETag, stored.ETag);
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Cleared_state_reads_back_as_absent_and_can_be_written_again()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = await SingleSiloAsync(connectionString);
        var storage = cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(PostgresOrleansConfigurator.StorageName);
        var grainId = GrainId.Create("note", UniqueId("note"));
        var state = new GrainState<NoteState>(new NoteState { Text = "to be cleared" });
        await storage.WriteStateAsync(NoteGrainType, grainId, state);

        await storage.ClearStateAsync(NoteGrainType, grainId, state);
        var afterClear = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync(NoteGrainType, grainId, afterClear);
        var rewrite = new GrainState<NoteState>(new NoteState { Text = "written again" }) { ETag = afterClear.ETag };
        await storage.WriteStateAsync(NoteGrainType, grainId, rewrite);
        var afterRewrite = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync(NoteGrainType, grainId, afterRewrite);

        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.State?.Text);
        // The cleared row keeps a version, so the next write is an update conditioned on it.
        Assert.NotNull(afterClear.ETag);
        Assert.Equal("written again", afterRewrite.State?.Text);
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Clearing_with_DeleteStateOnClear_deletes_the_row()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = await SingleSiloAsync(connectionString);
        var storage = cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(PostgresOrleansConfigurator.DeletingStorageName);
        var grainId = GrainId.Create("note", UniqueId("note"));
        var state = new GrainState<NoteState>(new NoteState { Text = "to be deleted" });
        await storage.WriteStateAsync(NoteGrainType, grainId, state);

        await storage.ClearStateAsync(NoteGrainType, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, await CountStorageRowsAsync(connectionString));
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Reminder_rows_round_trip_through_the_AdoNet_reminder_table()
    {
        await using var cluster = await SingleSiloAsync(await MigratedDatabaseAsync());
        var reminders = cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("note", UniqueId("note"));
        var startAt = new DateTime(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        // A period beyond int.MaxValue milliseconds makes the provider send a long instead of an int.
        var shortPeriod = new ReminderEntry { GrainId = grainId, ReminderName = "short", StartAt = startAt, Period = TimeSpan.FromMinutes(1) };
        var longPeriod = new ReminderEntry { GrainId = grainId, ReminderName = "long", StartAt = startAt, Period = TimeSpan.FromDays(30) };

        var shortETag = await reminders.UpsertRow(shortPeriod);
        await reminders.UpsertRow(longPeriod);
        var updatedShortETag = await reminders.UpsertRow(shortPeriod);
        Assert.NotNull(shortETag);
        Assert.NotNull(updatedShortETag);
        var row = await reminders.ReadRow(grainId, "short");
        var ofGrain = await reminders.ReadRows(grainId);
        var hash = grainId.GetUniformHashCode();
        var narrowRange = await reminders.ReadRows(hash - 1, hash);
        var wholeRing = await reminders.ReadRows(hash, hash);
        var removedWithStaleETag = await reminders.RemoveRow(grainId, "short", shortETag);
        var removed = await reminders.RemoveRow(grainId, "short", updatedShortETag);

        Assert.NotEqual(shortETag, updatedShortETag);
        Assert.Equal((startAt, TimeSpan.FromMinutes(1), updatedShortETag), (row!.StartAt, row.Period, row.ETag));
        Assert.Equal(["long", "short"], ofGrain.Reminders.Select(reminder => reminder.ReminderName).Order());
        Assert.Equal(TimeSpan.FromDays(30), ofGrain.Reminders.Single(reminder => reminder.ReminderName == "long").Period);
        Assert.Equal(2, narrowRange.Reminders.Count);
        Assert.Equal(2, wholeRing.Reminders.Count);
        Assert.False(removedWithStaleETag);
        Assert.True(removed);
        Assert.Null(await reminders.ReadRow(grainId, "short"));
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Dead_silo_rows_are_removed_by_defunct_entry_cleanup()
    {
        var connectionString = await MigratedDatabaseAsync();
        var clusterId = UniqueId("cluster");
        var serviceId = UniqueId("service");
        await using (var previous = PostgresOrleansConfigurator.CreateBuilder(connectionString, 1, clusterId, serviceId).Build())
        {
            await previous.DeployAsync();
            await previous.StopAllSilosAsync();
        }

        await using var current = PostgresOrleansConfigurator.CreateBuilder(connectionString, 1, clusterId, serviceId).Build();
        await current.DeployAsync();
        Assert.Equal(1, await CountSilosAsync(connectionString, clusterId, DeadStatus));
        var membership = current.GetSiloServiceProvider().GetRequiredService<IMembershipTable>();

        await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(0, await CountSilosAsync(connectionString, clusterId, DeadStatus));
        Assert.Equal(1, await CountSilosAsync(connectionString, clusterId, ActiveStatus));
        await current.StopAllSilosAsync();
    }

    /// <summary>One silo on a migrated database, for tests that talk to its storage providers directly.</summary>
    private static async Task<TestCluster> SingleSiloAsync(string connectionString)
    {
        var cluster = PostgresOrleansConfigurator
            .CreateBuilder(connectionString, initialSilos: 1, UniqueId("cluster"), UniqueId("service"))
            .Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    private static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static async Task<long> CountStorageRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansStorage", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountSilosAsync(string connectionString, string clusterId, int status)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = status });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
