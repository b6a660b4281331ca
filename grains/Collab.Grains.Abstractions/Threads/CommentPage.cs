namespace Collab.Grains.Abstractions.Threads;

/// <param name="NextAfter">Pass as <c>after</c> to read the next page; null when this page is the last.</param>
[GenerateSerializer, Alias("collab.comment-page")]
public sealed record CommentPage(
    [property: Id(0)] IReadOnlyList<CommentView> Items,
    [property: Id(1)] long? NextAfter);
