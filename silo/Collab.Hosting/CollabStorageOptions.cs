namespace Collab.Hosting;

/// <summary>Where Collab keeps its state (section <c>Collab:Storage</c>).</summary>
public sealed class CollabStorageOptions
{
    public const string Section = "Collab:Storage";

    public CollabStorageMode Mode { get; set; } = CollabStorageMode.Sqlite;

    /// <summary>The embedded database file in SQLite mode; relative paths are from the working directory.</summary>
    public string SqlitePath { get; set; } = "data/collab.db";

    /// <summary>An Npgsql connection string; required in PostgreSQL mode.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL mode: processes apply the migration at start (true), or only check that it was applied and refuse
    /// to start otherwise (false: the migration is a deployment step, <c>Collab.Silo migrate</c>, and running
    /// processes need no DDL rights). SQLite always migrates its own file.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How long a migration waits for another process's to finish before it fails.</summary>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        if (Mode == CollabStorageMode.Postgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
            throw new InvalidOperationException($"{Section}:PostgresConnectionString is required when {Section}:Mode is Postgres.");
        if (Mode == CollabStorageMode.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
            throw new InvalidOperationException($"{Section}:SqlitePath must not be empty when {Section}:Mode is Sqlite.");
    }
}
