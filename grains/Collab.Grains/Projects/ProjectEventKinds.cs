namespace Collab.Grains.Projects;

/// <summary>The kinds of event in a project's log; clients switch on these strings.</summary>
public static class ProjectEventKinds
{
    public const string Created = "project.created";
    public const string Linked = "project.linked";
    /// <summary>Payload: the title, summary, status, tags and SDGs as they are after the change.</summary>
    public const string Updated = "project.updated";
    /// <summary>Payload: <c>{ memberId }</c>.</summary>
    public const string ContributorAdded = "project.contributor-added";
}
