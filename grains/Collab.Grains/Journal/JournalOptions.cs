namespace Collab.Grains.Journal;

/// <summary>How journaled grains keep their state (section <c>Collab:Journal</c>).</summary>
public sealed class JournalOptions
{
    public const string Section = "Collab:Journal";

    /// <summary>
    /// A snapshot of a grain's state every this many events, so an activation replays at most this many. The
    /// state is small (everything that grows is rows), so a snapshot costs about one event row.
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;
}
