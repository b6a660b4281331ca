namespace Collab.Grains.Abstractions.Threads;

/// <param name="CommandId">Client-generated; a retry with the same id returns the first result and creates nothing.</param>
/// <param name="ParentId">The comment this one replies to.</param>
[GenerateSerializer, Alias("collab.post-comment")]
public sealed record PostComment(
    [property: Id(0)] string Text,
    [property: Id(1)] long? ParentId,
    [property: Id(2)] string? CommandId);
