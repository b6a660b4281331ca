using Collab.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

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
        // Registered before the Orleans client, so it runs first: hosted services start in registration order.
        builder.Services.AddHostedService(sp => new PostgresMigrationService(storage,
            sp.GetRequiredService<ILogger<PostgresMigrationService>>()));
        var patience = TimeSpan.FromMinutes(2);
        var started = DateTime.UtcNow;
        var dashboard = (builder.Configuration.GetSection(CollabOperatorsOptions.Section).Get<CollabOperatorsOptions>() ?? new()).Dashboard;
        builder.UseOrleansClient(client =>
        {
            // The dashboard's pages are served here, its figures asked of the silos (which gather them).
            if (dashboard) client.AddDashboard();
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) =
                    (CollabSiloBuilderExtensions.PostgresInvariant, storage.PostgresConnectionString))
                // Silos may still be starting: keep trying for a while instead of failing the web node at once.
                .UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    if (DateTime.UtcNow - started > patience) return false;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    return true;
                });
        });
        return builder;
    }
}
