namespace Collab.Grains.Abstractions.Documents;

/// <param name="NextAfter">Pass as <c>after</c> to read the next page; null when this page is the last.</param>
[GenerateSerializer, Alias("collab.document-history-page")]
public sealed record DocumentHistoryPage(
    [property: Id(0)] IReadOnlyList<DocumentRevision> Items,
    [property: Id(1)] long? NextAfter);
