namespace Collab.Hosting;

/// <summary>Demo content (section <c>Collab:Demo</c>).</summary>
public sealed class CollabDemoOptions
{
    public const string Section = "Collab:Demo";

    /// <summary>
    /// Seeds the four #LearningPlanet circles on first start; seeding again changes nothing. Unset: on in single-node
    /// mode (SQLite), off with PostgreSQL.
    /// </summary>
    public bool? Seed { get; set; }
}
