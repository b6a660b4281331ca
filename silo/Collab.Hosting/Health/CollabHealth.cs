using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Collab.Hosting.Health;

/// <summary>
/// The health endpoints of every Collab process (silo host and web node), as probes and load balancers read them:
/// <c>/health/live</c> answers 200 while the process runs (restart it otherwise); <c>/health/ready</c> runs the
/// checks tagged <see cref="ReadyTag"/> and answers 200 only when all are healthy: 503 with <c>Unhealthy</c> when the
/// process is not part of the cluster, 503 with <c>Degraded</c> when it is but storage does not answer.
/// </summary>
public static class CollabHealth
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The storage check, reporting <see cref="HealthStatus.Degraded"/> when storage does not answer.</summary>
    public static IHealthChecksBuilder AddCollabStorageCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<StorageHealthCheck>("storage", HealthStatus.Degraded, [ReadyTag], CheckTimeout);

    /// <summary>The checks of a process that hosts a silo: joined the cluster, and storage answers.</summary>
    public static IHealthChecksBuilder AddCollabSiloChecks(this IHealthChecksBuilder checks) => checks
        .AddCheck<SiloMembershipHealthCheck>("cluster", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
        .AddCollabStorageCheck();

    public static IEndpointRouteBuilder MapCollabHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
            // Degraded is not ready: a node whose storage is gone should get no new traffic (it answers 503 anyway).
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The overall status and each check's, so an operator sees which one is not healthy and why.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, error = e.Value.Exception?.Message }),
    });
}
