using Collab.Grains.Abstractions.Projects;

namespace Collab.Grains.Projects;

[GenerateSerializer, Alias("collab.project-state")]
public sealed class ProjectState
{
    [Id(0)] public string CircleId { get; set; } = "";
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public string Summary { get; set; } = "";
    [Id(3)] public ProjectStatus Status { get; set; }
    [Id(4)] public List<string> Tags { get; set; } = [];
    [Id(5)] public List<int> Sdgs { get; set; } = [];
    [Id(6)] public List<string> ContributorIds { get; set; } = [];
    [Id(7)] public string ThreadId { get; set; } = "";
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public string CreatedBy { get; set; } = "";
}
