using Collab.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Collab.Web.Extensions;

public static class OrleansExtensions
{
    /// <summary>
    /// Orleans' <c>ClientMessagingOptions</c> and <c>GatewayOptions</c> of a web node in client mode (README: "Failures
    /// under load"). A call sent just before a silo dies, to it or through a gateway to a grain it held, is never
    /// answered and never refused (dotnet/orleans#10165): the web node learns only from its response timeout, so the
    /// default 30 s would be the time those writers wait. 5 s, then the hub answers <c>Unavailable</c> and the client
    /// repeats the command with the same id. The gateway list is read again every 10 s instead of every minute, so a
    /// dead gateway leaves it and a new silo joins it soon.
    /// </summary>
    public const string ClientSection = "Collab:Cluster:Client";

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
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.Configure<ClientMessagingOptions>(builder.Configuration.GetSection(ClientSection));
            client.Configure<GatewayOptions>(builder.Configuration.GetSection(ClientSection));
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
