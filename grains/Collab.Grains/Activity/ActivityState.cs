namespace Collab.Grains.Activity;

/// <summary>
/// What an activity grain keeps across activations, written at most once a minute and when it deactivates: the
/// hour at one-minute resolution and the running counts (open flags, held posts). A crash loses at most the
/// last minute's reports; the review queue, not this, is the truth about flags.
/// </summary>
[GenerateSerializer, Alias("collab.activity-state")]
public sealed class ActivityState
{
    [Id(0)] public ActivityWindowState? Window { get; set; }

    /// <summary>Of all circles only: each circle's window, so its row and spike survive too.</summary>
    [Id(1)] public Dictionary<string, ActivityWindowState> Circles { get; set; } = [];

    /// <summary>Of all circles only: members live per circle as each circle's grain last said.</summary>
    [Id(2)] public Dictionary<string, int> MembersLive { get; set; } = [];
}
