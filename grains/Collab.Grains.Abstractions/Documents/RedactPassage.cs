namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// A moderator's request to remove the code points [<see cref="Start"/>, <see cref="End"/>) of the text as it was at
/// <see cref="Revision"/> (the revision the moderator was looking at; the range is moved over later edits) from the
/// document and from all of its stored history.
/// </summary>
/// <param name="Reason">Why, kept in the tombstone for everyone who reads the history (never the removed text).</param>
/// <param name="CommandId">Client-generated; a retry with the same id redacts once and answers the same tombstone.</param>
[GenerateSerializer, Alias("collab.redact-passage")]
public sealed record RedactPassage(
    [property: Id(0)] long Revision,
    [property: Id(1)] int Start,
    [property: Id(2)] int End,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? CommandId);
