namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// A reader's flag on the code points [<see cref="Start"/>, <see cref="End"/>) of the text as it was at
/// <see cref="Revision"/>, for the circle's moderators to review.
/// </summary>
/// <param name="Reason">Why, as for comments.</param>
/// <param name="Note">Optional words for the moderators (required when the reason is <c>other</c>).</param>
[GenerateSerializer, Alias("collab.flag-passage")]
public sealed record FlagPassage(
    [property: Id(0)] long Revision,
    [property: Id(1)] int Start,
    [property: Id(2)] int End,
    [property: Id(3)] Moderation.FlagReason? Reason,
    [property: Id(4)] string? Note);
