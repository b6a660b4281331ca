namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// In the silo's very first lifecycle stage, before membership or any grain touches a table: applies Collab's
/// PostgreSQL migration (<see cref="CollabStorageOptions.MigrateOnStart"/>), or only checks that the deployment's
/// migration step applied it, so the process needs no DDL rights.
/// </summary>
public sealed class PostgresMigrationParticipant(CollabStorageOptions storage, Microsoft.Extensions.Logging.ILogger<PostgresMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMigrationParticipant), ServiceLifecycleStage.First, ct => storage.MigrateOnStart
            ? PostgresMigrator.MigrateAsync(storage.PostgresConnectionString!, logger, ct, storage.MigrationLockTimeout)
            : PostgresMigrator.EnsureMigratedAsync(storage.PostgresConnectionString!, ct));
}
