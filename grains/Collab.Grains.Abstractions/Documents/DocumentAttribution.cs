namespace Collab.Grains.Abstractions.Documents;

/// <summary>Who wrote the current text: every code point counts for the member who inserted it.</summary>
/// <param name="Length">Code points of the text at <see cref="Revision"/>; the authors' characters add up to it.</param>
/// <param name="Authors">Most characters first.</param>
[GenerateSerializer, Alias("collab.document-attribution")]
public sealed record DocumentAttribution(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Revision,
    [property: Id(2)] int Length,
    [property: Id(3)] IReadOnlyList<AuthorContribution> Authors);
