namespace Collab.Grains.Abstractions.Documents;

/// <summary>One member's part of the current text.</summary>
/// <param name="Handle">Null when the member could not be looked up.</param>
/// <param name="Share">Characters / length, from 0 to 1.</param>
[GenerateSerializer, Alias("collab.author-contribution")]
public sealed record AuthorContribution(
    [property: Id(0)] string MemberId,
    [property: Id(1)] string? Handle,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] int Characters,
    [property: Id(4)] double Share);
