namespace Collab.Grains.Abstractions.Members;

/// <param name="Circles">Circle id to the member's role there.</param>
[GenerateSerializer, Alias("collab.member-view")]
public sealed record MemberView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] IReadOnlyDictionary<string, Circles.CircleRole> Circles,
    [property: Id(4)] DateTimeOffset CreatedAt);
