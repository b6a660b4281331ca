using Collab.Hosting.Storage.Postgres;

namespace Collab.Web.Extensions;

/// <summary>
/// Applies the PostgreSQL migration before this web node's Orleans client looks for gateways, so web nodes
/// may start before, after or together with the silos (the migration is idempotent and locked).
/// </summary>
public sealed class PostgresMigrationService(string connectionString, ILogger<PostgresMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => PostgresMigrator.MigrateAsync(connectionString, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
