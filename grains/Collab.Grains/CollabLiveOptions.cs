namespace Collab.Grains;

/// <summary>Timing of the live push and presence (section <c>Collab:Live</c>).</summary>
public sealed class CollabLiveOptions
{
    public const string Section = "Collab:Live";

    /// <summary>How often a web node renews its subscription to each scope it serves.</summary>
    public TimeSpan SubscriptionRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A subscription not renewed for this long belongs to a node that is gone, and is dropped.</summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>How often a web node re-reports the presence of its connections, and each member's connection count.</summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Presence and connection counts reported by a node that has not reported since are dropped (a dead
    /// node's people leave, and its connections stop counting against a member's limit).
    /// </summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Beyond this many connections a scope's presence is a count plus the most recent arrivals: sending every
    /// entry to everyone on every change costs O(N²) as a festival thread fills.
    /// </summary>
    public int PresenceSummaryThreshold { get; set; } = 100;

    /// <summary>How many of the most recent arrivals a summarized presence lists.</summary>
    public int PresenceRecentEntries { get; set; } = 20;

    /// <summary>
    /// At most one presence push per scope per this interval: the first change goes out at once, later ones
    /// within the interval are folded into one push at its end.
    /// </summary>
    public TimeSpan PresencePushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A client further behind than this gets a fresh snapshot instead of the events it missed.</summary>
    public int MaxReplayEvents { get; set; } = 500;
}
