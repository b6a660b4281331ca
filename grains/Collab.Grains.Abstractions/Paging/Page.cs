namespace Collab.Grains.Abstractions.Paging;

/// <summary>One page of a list that grows with use; <see cref="Next"/> is the cursor of the following page, null at the end.</summary>
[GenerateSerializer, Alias("collab.page`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] string? Next);
