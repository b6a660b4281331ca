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

    public void Validate()
    {
        if (Mode == CollabStorageMode.Postgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
            throw new InvalidOperationException($"{Section}:PostgresConnectionString is required when {Section}:Mode is Postgres.");
        if (Mode == CollabStorageMode.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
            throw new InvalidOperationException($"{Section}:SqlitePath must not be empty when {Section}:Mode is Sqlite.");
    }
}
