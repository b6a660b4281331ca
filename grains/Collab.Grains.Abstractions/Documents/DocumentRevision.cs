namespace Collab.Grains.Abstractions.Documents;

/// <summary>One revision of a document's history: the operation that made it, summed up.</summary>
/// <param name="Inserted">Code points the operation inserted.</param>
/// <param name="Deleted">Code points the operation deleted.</param>
/// <param name="Redaction">Set when the revision is a moderator's redaction: its tombstone.</param>
[GenerateSerializer, Alias("collab.document-revision")]
public sealed record DocumentRevision(
    [property: Id(0)] long Revision,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int Inserted,
    [property: Id(4)] int Deleted,
    [property: Id(5)] DocumentRedaction? Redaction = null);
