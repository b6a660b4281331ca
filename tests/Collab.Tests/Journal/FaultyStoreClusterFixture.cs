using Collab.Grains.Storage;
using Collab.Hosting;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Collab.Tests.Journal;

/// <summary>One in-process silo whose event store can be made to fail; snapshots every two events.</summary>
public sealed class FaultyStoreClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public TestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public FaultyEventStore Store => FaultyEventStore.Current!;

    public async Task InitializeAsync()
    {
        var builder = SqliteTestCluster.Builder(1, _folder.File("collab.db"), "faulty");
        builder.Properties["Collab:Journal:SnapshotEvery"] = "2";
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _folder.Dispose();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddCollabGrainServices(silo.Configuration);
            // The silo's real store, wrapped: every grain in it writes through the faults the test switches on.
            var real = silo.Services.Last(d => d.ServiceType == typeof(IEventStore)).ImplementationInstance as IEventStore;
            silo.Services.AddSingleton<IEventStore>(FaultyEventStore.Install(real!));
        }
    }
}
