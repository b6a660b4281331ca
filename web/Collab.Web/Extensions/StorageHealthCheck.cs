using Collab.Grains.Storage;
using Collab.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Collab.Web.Extensions;

/// <summary>Ready means the store answers: the event log when the silo is in this process, else PostgreSQL itself.</summary>
public sealed class StorageHealthCheck(IServiceProvider services, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (services.GetService<IEventStore>() is { } events)
            {
                await events.GetLastSeqAsync("health", cancellationToken);
                return HealthCheckResult.Healthy("Event log reachable.");
            }

            var storage = configuration.GetSection(CollabStorageOptions.Section).Get<CollabStorageOptions>() ?? new();
            await using var connection = new NpgsqlConnection(storage.PostgresConnectionString);
            await connection.OpenAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL reachable.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Storage unreachable.", ex);
        }
    }
}
