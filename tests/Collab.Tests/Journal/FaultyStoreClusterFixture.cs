using Collab.Grains.Storage;
using Collab.Hosting;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Collab.Tests.Journal;

/// <summary>One in-process silo whose event store can be made to fail; snapshots every two events.</summary>
public class FaultyStoreClusterFixture : IAsyncLifetime
{
    private const string StoreKey = "Collab:Tests:FaultyStore";

    private readonly TempFolder _folder = new();
    private readonly string _storeKey = Guid.NewGuid().ToString("N");

    public TestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public FaultyEventStore Store => FaultyEventStore.Of(_storeKey);

    public async Task InitializeAsync()
    {
        var builder = SqliteTestCluster.Builder(1, _folder.File("collab.db"), "faulty");
        builder.Properties[StoreKey] = _storeKey;
        Configure(builder.Properties);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The silo's settings beyond storage: a fixture for other tests sets its own.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings) => settings["Collab:Journal:SnapshotEvery"] = "2";

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
            silo.Services.AddSingleton<IEventStore>(FaultyEventStore.Install(silo.Configuration[StoreKey]!, real!));
        }
    }
}
