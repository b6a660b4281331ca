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
    private const int ActiveStatus = 3; // Orleans.Runtime.SiloStatus.Active

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
        await using var cluster = PostgresOrleansConfigurator
            .CreateBuilder(connectionString, initialSilos: 1, UniqueId("cluster"), UniqueId("service"))
            .Build();
        await cluster.DeployAsync();
        var storage = cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(PostgresOrleansConfigurator.StorageName);
        var grainId = GrainId.Create("note", UniqueId("note"));
        const string grainType = "Collab.Tests.Storage.Postgres.NoteGrain";

        var created = new GrainState<NoteState>(new NoteState { Text = "v1" });
        await storage.WriteStateAsync(grainType, grainId, created);
        var firstWriter = new GrainState<NoteState>(new NoteState { Text = "first" }) { ETag = created.ETag };
        var secondWriter = new GrainState<NoteState>(new NoteState { Text = "second" }) { ETag = created.ETag };
        await storage.WriteStateAsync(grainType, grainId, firstWriter);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(grainType, grainId, secondWriter));

        var stored = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync(grainType, grainId, stored);
        Assert.Equal("first", stored.State?.Text);
        Assert.Equal(firstWriter.ETag, stored.ETag);
        await cluster.StopAllSilosAsync();
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    private static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

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
