namespace Collab.Grains.Abstractions.Documents;

/// <summary>The text of a document at one revision (the number of operations applied to reach it).</summary>
[GenerateSerializer, Alias("collab.document-text")]
public sealed record DocumentText(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string Text);
