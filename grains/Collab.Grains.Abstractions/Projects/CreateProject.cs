namespace Collab.Grains.Abstractions.Projects;

/// <param name="Sdgs">UN Sustainable Development Goal numbers, 1 to 17.</param>
[GenerateSerializer, Alias("collab.create-project")]
public sealed record CreateProject(
    [property: Id(0)] string CircleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Summary,
    [property: Id(3)] IReadOnlyList<string>? Tags,
    [property: Id(4)] IReadOnlyList<int>? Sdgs);
