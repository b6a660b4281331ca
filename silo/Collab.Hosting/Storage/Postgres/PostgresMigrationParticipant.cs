using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// Applies Collab's PostgreSQL migration in the silo's very first lifecycle stage, so the Orleans clustering
/// and storage tables exist before membership or any grain touches them. Nobody runs SQL by hand.
/// </summary>
public sealed class PostgresMigrationParticipant(string connectionString, ILogger<PostgresMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMigrationParticipant), ServiceLifecycleStage.First,
            ct => PostgresMigrator.MigrateAsync(connectionString, logger, ct));
}
