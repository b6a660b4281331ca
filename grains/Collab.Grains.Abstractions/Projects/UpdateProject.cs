namespace Collab.Grains.Abstractions.Projects;

/// <summary>A partial update: a null member leaves that part as it is.</summary>
[GenerateSerializer, Alias("collab.update-project")]
public sealed record UpdateProject(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Summary,
    [property: Id(2)] ProjectStatus? Status,
    [property: Id(3)] IReadOnlyList<string>? Tags,
    [property: Id(4)] IReadOnlyList<int>? Sdgs);
