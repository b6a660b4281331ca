using Collab.Hosting;
using Orleans.Configuration;

namespace Collab.Web.Extensions;

public static class OrleansExtensions
{
    /// <summary>Co-hosts the silo (single node) or connects to the cluster as a client, as configured.</summary>
    public static WebApplicationBuilder AddCollabOrleans(this WebApplicationBuilder builder)
    {
        var web = builder.Configuration.GetSection(CollabWebOptions.Section).Get<CollabWebOptions>() ?? new();
        if (web.CoHostSilo)
        {
            builder.UseOrleans(silo => silo.AddCollab(builder.Configuration));
            return builder;
        }

        var storage = builder.Configuration.GetSection(CollabStorageOptions.Section).Get<CollabStorageOptions>() ?? new();
        var cluster = builder.Configuration.GetSection(CollabClusterOptions.Section).Get<CollabClusterOptions>() ?? new();
        if (storage.Mode != CollabStorageMode.Postgres || string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
            throw new InvalidOperationException(
                $"{CollabWebOptions.Section}:CoHostSilo=false needs {CollabStorageOptions.Section}:Mode=Postgres and a connection string to find the silos.");
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) =
                (CollabSiloBuilderExtensions.PostgresInvariant, storage.PostgresConnectionString)));
        return builder;
    }
}
