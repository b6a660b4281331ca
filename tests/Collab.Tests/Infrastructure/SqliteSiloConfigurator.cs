using Collab.Hosting;
using Orleans.TestingHost;

namespace Collab.Tests.Infrastructure;

/// <summary>Configures each test silo the way Collab configures its own, on the test cluster's SQLite file.</summary>
public sealed class SqliteSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddCollabGrainServices(siloBuilder.Configuration);
}
