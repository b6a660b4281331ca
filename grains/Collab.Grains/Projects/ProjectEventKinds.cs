namespace Collab.Grains.Projects;

/// <summary>The kinds of event in a project's log; the payload is the project as it is after the event.</summary>
public static class ProjectEventKinds
{
    public const string Updated = "project.updated";
    public const string ContributorAdded = "project.contributor-added";
}
