using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Collab.Hosting.Health;

/// <summary>This silo has joined the cluster: the membership table lists it as active, so grains may be placed on it.</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active in the cluster.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status} in the cluster."));
    }
}
