using Collab.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Collab.Hosting.Health;

/// <summary>
/// Storage answers: the event log when a silo is in this process, else PostgreSQL itself. A failure is reported
/// with the registration's failure status (<see cref="HealthStatus.Degraded"/> for Collab): the process is alive
/// and will serve again when storage is back, but should not be sent traffic meanwhile.
/// </summary>
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
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Storage unreachable.", ex);
        }
    }
}
