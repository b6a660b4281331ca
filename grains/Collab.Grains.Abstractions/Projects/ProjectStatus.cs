namespace Collab.Grains.Abstractions.Projects;

[GenerateSerializer, Alias("collab.project-status")]
public enum ProjectStatus
{
    Running = 0,
    Completed = 1,
    Canceled = 2,
}
