namespace Collab.Hosting;

public enum CollabStorageMode
{
    /// <summary>Single node: one embedded SQLite file, localhost clustering. Zero set-up.</summary>
    Sqlite,
    /// <summary>Cluster: PostgreSQL for membership, grain state and the event log.</summary>
    Postgres,
}
