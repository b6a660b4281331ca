using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Collab.Tests.Storage.Postgres;

/// <summary>
/// Points the silos and the client of a <see cref="TestCluster"/> at a PostgreSQL database through the
/// Orleans ADO.NET providers, the way a production cluster is wired, instead of the test membership.
/// </summary>
/// <remarks>
/// TestingHost creates configurators with their parameterless constructor, in-process or not, so the
/// connection string travels the only way it can: as a key in the cluster's configuration
/// (<see cref="TestClusterBuilder.Properties"/>), which every silo and client host receives.
/// </remarks>
public sealed class PostgresOrleansConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    public const string ConnectionStringKey = "CollabTests:PostgresConnectionString";
    public const string StorageName = "PostgresStore";

    /// <summary>The same storage with DeleteStateOnClear, which runs DeleteStorageKey instead of ClearStorageKey.</summary>
    public const string DeletingStorageName = "PostgresDeletingStore";

    // The ADO.NET providers look the Npgsql factory up by this invariant name.
    private const string Invariant = "Npgsql";

    /// <summary>A builder for a cluster of <paramref name="initialSilos"/> silos on the given database.</summary>
    /// <param name="clusterId">Unique per test unless a test restarts "the same" cluster.</param>
    /// <param name="serviceId">Grain state is keyed by it, so a restarted cluster must keep it.</param>
    public static TestClusterBuilder CreateBuilder(string connectionString, short initialSilos, string clusterId, string serviceId)
    {
        var builder = new TestClusterBuilder(initialSilos);
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = serviceId;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresOrleansConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresOrleansConfigurator>();
        return builder;
    }

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = ReadConnectionString(siloBuilder.Configuration);
        siloBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(DeletingStorageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = true;
        });
        siloBuilder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = ReadConnectionString(configuration);
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
    }

    private static string ReadConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey]
        ?? throw new InvalidOperationException($"The test cluster configuration has no '{ConnectionStringKey}'.");
}
