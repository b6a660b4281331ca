namespace Collab.Grains.Activity;

/// <summary>An <see cref="ActivityWindow"/>'s hour (one count a minute, ring slot = unix minute mod 60) and gauges.</summary>
[GenerateSerializer, Alias("collab.activity-window-state")]
public sealed class ActivityWindowState
{
    /// <summary>The unix minute of the newest bucket.</summary>
    [Id(0)] public long Minute { get; set; }
    [Id(1)] public int[] Comments { get; set; } = [];
    [Id(2)] public int[] Edits { get; set; } = [];
    [Id(3)] public int[] Joins { get; set; } = [];
    [Id(4)] public int OpenFlags { get; set; }
    [Id(5)] public int HeldPosts { get; set; }
}
