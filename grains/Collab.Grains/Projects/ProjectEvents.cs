using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Journal;

namespace Collab.Grains.Projects;

public sealed record ProjectCreated(string CircleId, string Title, string Summary, List<string> Tags, List<int> Sdgs,
    string ThreadId, DateTimeOffset At, string CreatedBy);

/// <summary>The project's thread exists and its circle lists it: creation is complete.</summary>
public sealed record ProjectLinked(string ThreadId);

public sealed record ProjectUpdated(string Title, string Summary, ProjectStatus Status, List<string> Tags, List<int> Sdgs);

public sealed record ContributorAdded(string MemberId);

public static class ProjectEvents
{
    public const string ContributorRows = "contributors";

    public static readonly EventCatalog Catalog = new(
        (ProjectEventKinds.Created, typeof(ProjectCreated)),
        (ProjectEventKinds.Linked, typeof(ProjectLinked)),
        (ProjectEventKinds.Updated, typeof(ProjectUpdated)),
        (ProjectEventKinds.ContributorAdded, typeof(ContributorAdded)));
}
