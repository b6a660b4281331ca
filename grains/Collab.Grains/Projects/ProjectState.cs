using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Journal;

namespace Collab.Grains.Projects;

/// <summary>
/// A project, folded from its log. Contributors are rows; the first few are kept here too, so the project view
/// costs no read.
/// </summary>
public sealed class ProjectState : IJournalState
{
    public const int ContributorsShown = 50;

    public bool Exists { get; set; }
    public bool Linked { get; set; }
    public string CircleId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public ProjectStatus Status { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<int> Sdgs { get; set; } = [];
    public List<string> FirstContributors { get; set; } = [];
    public int ContributorCount { get; set; }
    public string ThreadId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public void Apply(string kind, object evt)
    {
        switch (evt)
        {
            case ProjectCreated e: Apply(e); break;
            case ProjectLinked: Linked = true; break;
            case ProjectUpdated e: Apply(e); break;
            case ContributorAdded e: Apply(e); break;
            default: throw new InvalidOperationException($"A project cannot apply {evt.GetType().Name}.");
        }
    }

    public void Apply(ProjectCreated e)
    {
        Exists = true;
        (CircleId, Title, Summary, Tags, Sdgs, ThreadId, CreatedAt, CreatedBy) = (e.CircleId, e.Title, e.Summary, e.Tags, e.Sdgs, e.ThreadId, e.At, e.CreatedBy);
        Status = ProjectStatus.Running;
        FirstContributors = [e.CreatedBy];
        ContributorCount = 1;
    }

    public void Apply(ProjectUpdated e) => (Title, Summary, Status, Tags, Sdgs) = (e.Title, e.Summary, e.Status, e.Tags, e.Sdgs);

    public void Apply(ContributorAdded e)
    {
        ContributorCount++;
        if (FirstContributors.Count < ContributorsShown) FirstContributors.Add(e.MemberId);
    }
}
