using Collab.Grains.Abstractions.Errors;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Collab.Web.Extensions;

/// <summary>
/// A web node in client mode is ready only when its Orleans client reaches the cluster: one real call to the
/// management grain through a gateway, answered with at least one active silo.
/// </summary>
public sealed class OrleansClientHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"Connected to the cluster ({hosts.Count} active silos).")
                : HealthCheckResult.Unhealthy("Connected, but the cluster has no active silo.");
        }
        catch (CollabException ex) when (ex.Kind == CollabErrorKind.Unavailable)
        {
            // A silo answered (the membership read needs storage, whose own check reports it): connected all the same.
            return HealthCheckResult.Healthy("Connected to the cluster (its storage did not answer the silo list).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The check's own timeout: no gateway answered in time, which is what this check reports, not a fault of it.
            return HealthCheckResult.Unhealthy("Not connected to the cluster: no answer within the check's timeout.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Not connected to the cluster.", ex);
        }
    }
}
