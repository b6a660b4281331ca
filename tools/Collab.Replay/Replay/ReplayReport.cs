namespace Collab.Replay.Replay;

/// <summary>What a replay did and where every copy of the document ended.</summary>
/// <param name="Operations">Operations the server acknowledged (one per edit unless edits were composed in flight).</param>
/// <param name="MostWaiting">The most operations one client had waiting behind its in-flight one.</param>
/// <param name="GapsFilled">Times a pushed operation was late and was read back from the server instead.</param>
public sealed record ReplayReport(
    string EndContent,
    bool Concurrent,
    int Agents,
    int Edits,
    int Operations,
    TimeSpan Elapsed,
    IReadOnlyList<string> ClientTexts,
    string ServerText,
    long ServerRevision,
    long ExpectedRevision,
    int MostWaiting,
    int GapsFilled,
    int RateLimitRetries)
{
    public double EditsPerSecond => Edits / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public bool Succeeded => ClientTexts.All(t => t == EndContent) && ServerText == EndContent && ServerRevision == ExpectedRevision;
}
