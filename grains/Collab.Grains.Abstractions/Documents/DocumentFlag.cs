namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// A flag on a document passage as the circle's review queue holds it (row <c>document:{documentId}:{n}</c> of the
/// circle's <c>flags</c> collection). Flags of the same passage merge: one flag, one more reason each time.
/// </summary>
/// <param name="Start">The passage, in code points of the text at <paramref name="Revision"/>.</param>
/// <param name="Reasons">How many reasons the flag has gathered, this one included.</param>
[GenerateSerializer, Alias("collab.document-flag")]
public sealed record DocumentFlag(
    [property: Id(0)] string FlagId,
    [property: Id(1)] string DocumentId,
    [property: Id(2)] long Revision,
    [property: Id(3)] int Start,
    [property: Id(4)] int End,
    [property: Id(5)] int Reasons,
    [property: Id(6)] string State);
