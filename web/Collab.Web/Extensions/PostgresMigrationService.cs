using Collab.Hosting;
using Collab.Hosting.Storage.Postgres;

namespace Collab.Web.Extensions;

/// <summary>
/// Applies the PostgreSQL migration before this web node's Orleans client looks for gateways, so web nodes
/// may start before, after or together with the silos (the migration is idempotent and locked); or, when the
/// migration is a deployment step (<c>Collab:Storage:MigrateOnStart=false</c>), checks that it ran.
/// </summary>
public sealed class PostgresMigrationService(CollabStorageOptions storage, ILogger<PostgresMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.MigrateOnStart
        ? PostgresMigrator.MigrateAsync(storage.PostgresConnectionString!, logger, cancellationToken, storage.MigrationLockTimeout)
        : PostgresMigrator.EnsureMigratedAsync(storage.PostgresConnectionString!, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
