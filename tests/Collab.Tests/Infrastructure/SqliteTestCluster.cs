using Orleans.TestingHost;

namespace Collab.Tests.Infrastructure;

/// <summary>A TestCluster configured as Collab configures its silos, on one SQLite file, with a unique cluster id.</summary>
public static class SqliteTestCluster
{
    public static TestClusterBuilder Builder(short silos, string databasePath, string name)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ClusterId = $"{name}-{Guid.NewGuid():N}";
        builder.Properties["Collab:Storage:Mode"] = "Sqlite";
        builder.Properties["Collab:Storage:SqlitePath"] = databasePath;
        builder.Properties["Collab:Demo:Seed"] = "false";
        return builder;
    }
}
