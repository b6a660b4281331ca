using Collab.Grains;
using Collab.Grains.Activity;
using Collab.Grains.Journal;
using Collab.Grains.Storage;
using Collab.Hosting.Demo;
using Collab.Hosting.Storage;
using Collab.Hosting.Storage.Postgres;
using Collab.Hosting.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Collab.Hosting;

/// <summary>One place that turns configuration into a Collab silo, used by the silo host, the web host and tests.</summary>
public static class CollabSiloBuilderExtensions
{
    /// <summary>Invariant name under which Npgsql registers with Orleans' ADO.NET providers.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Orleans' ADO.NET grain storage, which <see cref="RetryingGrainStorage"/> wraps under <see cref="CollabStorage.Name"/>.</summary>
    private const string AdoNetStorageName = "collab-adonet";

    /// <summary>Everything a Collab silo needs: clustering and <see cref="AddCollabGrainServices"/>.</summary>
    public static ISiloBuilder AddCollab(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(CollabStorageOptions.Section).Get<CollabStorageOptions>() ?? new();
        var cluster = configuration.GetSection(CollabClusterOptions.Section).Get<CollabClusterOptions>() ?? new();
        storage.Validate();

        if (storage.Mode == CollabStorageMode.Sqlite)
        {
            // One node by definition: the embedded file cannot be shared between machines.
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }
        else
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            if (string.IsNullOrWhiteSpace(cluster.AdvertisedIp)) silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort);
            else silo.ConfigureEndpoints(System.Net.IPAddress.Parse(cluster.AdvertisedIp), cluster.SiloPort, cluster.GatewayPort);
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, storage.PostgresConnectionString));
            silo.Configure<ClusterMembershipOptions>(DetectDeadSilosQuickly);
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
            if (cluster.Kubernetes) silo.UseKubernetesHosting();
        }
        // The silos gather the dashboard's statistics; web nodes, which authenticate operators, serve its pages.
        if ((configuration.GetSection(CollabOperatorsOptions.Section).Get<CollabOperatorsOptions>() ?? new()).Dashboard) silo.AddDashboard();
        return silo.AddCollabGrainServices(configuration);
    }

    /// <summary>Orleans' membership options, read over <see cref="DetectDeadSilosQuickly"/>'s choices (README: cluster mode).</summary>
    public const string MembershipSection = "Collab:Cluster:Membership";

    /// <summary>
    /// Until a dead silo is declared dead, calls to the grains it held fail or hang, so the time to declare it is the
    /// time writers wait. Orleans' defaults (a 5 s probe timeout adapting up to 20 s, 3 missed probes, and no vote while
    /// the silo sent anything within max probe timeout × missed probes) let a silo killed under load stand for 10 to
    /// 30 s. A killed silo refuses connections at once, so two missed probes of 2 s are proof enough, and votes are
    /// held back only 2 × 3 s after its last message; a silo that is merely slow is still spared while it talks.
    /// Votes needed stay at two, which Orleans lowers to one in a two-silo cluster.
    /// </summary>
    private static void DetectDeadSilosQuickly(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        options.NumMissedProbesLimit = 2;
    }

    /// <summary>
    /// Grain storage, the event log, limits, document options and demo seeding, without clustering (tests bring their own).
    /// </summary>
    public static ISiloBuilder AddCollabGrainServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(CollabStorageOptions.Section).Get<CollabStorageOptions>() ?? new();
        storage.Validate();
        var services = silo.Services;
        services.AddOptions<CollabLimitsOptions>().Bind(configuration.GetSection(CollabLimitsOptions.Section));
        services.AddOptions<CollabLiveOptions>().Bind(configuration.GetSection(CollabLiveOptions.Section));
        services.AddOptions<PlatformModerationOptions>().Bind(configuration.GetSection(PlatformModerationOptions.Section));
        (configuration.GetSection(CollabDocumentsOptions.Section).Get<CollabDocumentsOptions>() ?? new()).Validate();
        services.AddOptions<CollabDocumentsOptions>().Bind(configuration.GetSection(CollabDocumentsOptions.Section));
        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.Section))
            .Validate(o => o.SnapshotEvery >= 1, $"{JournalOptions.Section}:SnapshotEvery must be at least 1.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScopeJournalFactory>();
        silo.AddIncomingGrainCallFilter<StorageOutageFilter>();

        if (storage.Mode == CollabStorageMode.Sqlite)
        {
            var database = new SqliteDatabase(storage.SqlitePath);
            services.AddSingleton(database);
            // An instance for the process: its writer connection stays open as long as the process does.
            services.AddSingleton<IEventStore>(new SqliteEventStore(database));
            services.AddGrainStorage(CollabStorage.Name,
                (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<IGrainStorageSerializer>()));
        }
        else
        {
            var connectionString = storage.PostgresConnectionString!;
            var postgresEvents = new PostgresEventStore(connectionString);
            services.AddSingleton<IEventStore>(sp => new RetryingEventStore(postgresEvents, postgresEvents.ClearPool,
                sp.GetRequiredService<ILogger<RetryingEventStore>>()));
            silo.AddAdoNetGrainStorage(AdoNetStorageName, o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connectionString));
            services.AddGrainStorage(CollabStorage.Name, (sp, _) => new RetryingGrainStorage(
                sp.GetRequiredKeyedService<IGrainStorage>(AdoNetStorageName), sp.GetRequiredService<ILogger<RetryingGrainStorage>>()));
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new PostgresMigrationParticipant(
                storage, sp.GetRequiredService<ILogger<PostgresMigrationParticipant>>()));
        }

        // Demo circles belong on a laptop or a workshop's single node, never by surprise in a cluster's database.
        if ((configuration.GetSection(CollabDemoOptions.Section).Get<CollabDemoOptions>() ?? new()).Seed ?? storage.Mode == CollabStorageMode.Sqlite)
            silo.AddStartupTask<DemoSeedTask>();
        return silo;
    }
}
