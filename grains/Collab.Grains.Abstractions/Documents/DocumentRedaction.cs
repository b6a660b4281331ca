namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// The tombstone of a redaction: who removed a passage, when, why and where. Never the removed text.
/// </summary>
/// <param name="Revision">The revision the redaction made (its deletion of the passage).</param>
/// <param name="Start">Where the passage began, in code points of the text just before <paramref name="Revision"/>.</param>
/// <param name="Length">How many code points were removed.</param>
[GenerateSerializer, Alias("collab.document-redaction")]
public sealed record DocumentRedaction(
    [property: Id(0)] long Revision,
    [property: Id(1)] string ModeratorId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Reason,
    [property: Id(4)] int Start,
    [property: Id(5)] int Length);
