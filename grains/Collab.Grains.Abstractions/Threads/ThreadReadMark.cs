namespace Collab.Grains.Abstractions.Threads;

/// <summary>How far one member has read one thread, kept on the server so it follows them from device to device.</summary>
/// <param name="UpTo">Every comment with an id up to this one is read.</param>
/// <param name="ReadCount">How many of the thread's comments were read then: the thread's count minus it is what is unread.</param>
[GenerateSerializer, Alias("collab.thread-read-mark")]
public sealed record ThreadReadMark(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] string CircleId,
    [property: Id(2)] long UpTo,
    [property: Id(3)] int ReadCount,
    [property: Id(4)] DateTimeOffset At);
