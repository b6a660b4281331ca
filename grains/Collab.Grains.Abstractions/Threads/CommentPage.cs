namespace Collab.Grains.Abstractions.Threads;

/// <param name="Items">Oldest first, whichever way the page was read.</param>
/// <param name="NextAfter">Pass as <c>after</c> to read the next (newer) page; null when this page is the last.</param>
/// <param name="NextBefore">Pass as <c>before</c> to read the previous (older) page; null when there is none.</param>
[GenerateSerializer, Alias("collab.comment-page")]
public sealed record CommentPage(
    [property: Id(0)] IReadOnlyList<CommentView> Items,
    [property: Id(1)] long? NextAfter,
    [property: Id(2)] long? NextBefore = null);
