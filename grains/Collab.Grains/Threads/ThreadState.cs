namespace Collab.Grains.Threads;

/// <summary>What a thread is, not what was said in it: comments live in the event log, so this stays small.</summary>
[GenerateSerializer, Alias("collab.thread-state")]
public sealed class ThreadState
{
    [Id(0)] public string CircleId { get; set; } = "";
    [Id(1)] public string? ProjectId { get; set; }
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public bool Locked { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public string CreatedBy { get; set; } = "";
}
