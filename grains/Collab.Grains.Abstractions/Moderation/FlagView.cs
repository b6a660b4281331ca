namespace Collab.Grains.Abstractions.Moderation;

/// <summary>An item of a circle's review queue: what was flagged, by whom and why, and how it was resolved.</summary>
/// <param name="FlagId">Stable per flagged thing (<c>comment:THREAD:ID</c>, <c>document:ID:N</c>).</param>
/// <param name="Target"><c>comment</c> or <c>document</c>.</param>
/// <param name="Excerpt">The flagged words as they were when first flagged, for the moderators.</param>
/// <param name="State"><c>open</c> or <c>resolved</c>.</param>
/// <param name="Revision">For a document passage: the revision whose text <paramref name="Start"/> and <paramref name="End"/> (code points) refer to.</param>
[GenerateSerializer, Alias("collab.flag-view")]
public sealed record FlagView(
    [property: Id(0)] string FlagId,
    [property: Id(1)] string Target,
    [property: Id(2)] string? ThreadId,
    [property: Id(3)] long? CommentId,
    [property: Id(4)] string? DocumentId,
    [property: Id(5)] string? Excerpt,
    [property: Id(6)] IReadOnlyList<FlagReport> Reasons,
    [property: Id(7)] string State,
    [property: Id(8)] DateTimeOffset OpenedAt,
    [property: Id(9)] string? ResolvedBy = null,
    [property: Id(10)] DateTimeOffset? ResolvedAt = null,
    [property: Id(11)] string? Resolution = null,
    [property: Id(12)] long? Revision = null,
    [property: Id(13)] int? Start = null,
    [property: Id(14)] int? End = null);
