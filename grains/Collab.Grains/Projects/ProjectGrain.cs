using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Journal;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Projects;

public sealed class ProjectGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits, TimeProvider time) : Grain, IProjectGrain
{
    private ScopeJournal<ProjectState> _journal = null!;

    private ProjectState S => _journal.State;
    private string Id => this.GetPrimaryKeyString();
    private ICircleGrain Circle => GrainFactory.GetGrain<ICircleGrain>(S.CircleId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create<ProjectState>(Scopes.Of(Scopes.Project, Id), ProjectEvents.Catalog, GrainFactory);
        return _journal.LoadAsync(cancellationToken);
    }

    /// <summary>
    /// The project is recorded first (the truth), then its thread is created and its circle lists it. Both steps
    /// are idempotent, and a project whose creation stopped half-way finishes them the next time anyone touches it,
    /// so no failure leaves a thread without its project or a project without its thread.
    /// </summary>
    public async Task<ProjectView> Create(string actorId, CreateProject command)
    {
        Input.Id("projectId", Id);
        Input.Id("circleId", command.CircleId);
        var title = Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        var summary = Input.OptionalText("summary", command.Summary, limits.Value.DescriptionMaxLength);
        var tags = Tags(command.Tags);
        var sdgs = Sdgs(command.Sdgs);
        await _journal.EnsureCurrentAsync();
        if (S.Exists) throw CollabException.Conflict($"Project '{Id}' already exists.");
        if (await GrainFactory.GetGrain<ICircleGrain>(command.CircleId).RoleOf(actorId) is null)
            throw CollabException.Forbidden("Join the circle to start projects in it.");

        var created = new ProjectCreated(command.CircleId, title, summary, tags, sdgs, NewId.For("t"), time.UtcNowMicros(), actorId);
        await _journal.AppendAsync(created, actorId, rows: [Contributor(actorId)]);
        await EnsureLinked();
        return View();
    }

    public async Task<ProjectView> Get(string actorId)
    {
        await EnsureExists();
        await Circle.EnsureCanRead(actorId);
        return View();
    }

    public async Task<ProjectView> Update(string actorId, UpdateProject command)
    {
        await EnsureExists();
        var title = command.Title is null ? S.Title : Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        var summary = command.Summary is null ? S.Summary : Input.OptionalText("summary", command.Summary, limits.Value.DescriptionMaxLength);
        if (command.Status is { } status && !Enum.IsDefined(status))
            throw CollabException.Invalid("status", "'status' must be Running, Completed or Canceled.");
        var tags = command.Tags is null ? S.Tags : Tags(command.Tags);
        var sdgs = command.Sdgs is null ? S.Sdgs : Sdgs(command.Sdgs);
        await EnsureCanManage(actorId);

        await _journal.AppendAsync(new ProjectUpdated(title, summary, command.Status ?? S.Status, tags, sdgs), actorId);
        return View();
    }

    public async Task<ProjectView> AddContributor(string actorId, string memberId)
    {
        await EnsureExists();
        await EnsureCanManage(actorId);
        Input.Id("memberId", memberId);
        if (await Circle.RoleOf(memberId) is null) throw CollabException.Invalid("memberId", $"Member '{memberId}' is not in this project's circle.");
        if (await IsContributor(memberId)) return View();
        await _journal.AppendAsync(new ContributorAdded(memberId), actorId, rows: [Contributor(memberId)]);
        return View();
    }

    public async Task<Page<string>> Contributors(string actorId, string? after, int limit)
    {
        await Get(actorId);
        return await RowPages.ReadAsync<string>(journals.Events, _journal.Scope, ProjectEvents.ContributorRows, after, limit, limits.Value.PageMaxSize);
    }

    private RowChange Contributor(string memberId) =>
        RowChange.Upsert(_journal.Scope, ProjectEvents.ContributorRows, memberId, _journal.Version + 1, memberId);

    private async Task<bool> IsContributor(string memberId) =>
        S.FirstContributors.Contains(memberId) || await journals.Events.GetRowAsync(_journal.Scope, ProjectEvents.ContributorRows, memberId) is not null;

    /// <summary>Finishes a creation that stopped after the project was recorded (see <see cref="Create"/>).</summary>
    private async Task EnsureLinked()
    {
        if (S.Linked) return;
        await GrainFactory.GetGrain<IThreadGrain>(S.ThreadId).Create(S.CreatedBy, new CreateThread(S.CircleId, Id, S.Title));
        await Circle.AttachProject(S.CreatedBy, Id, S.Title);
        await _journal.AppendAsync(new ProjectLinked(S.ThreadId), S.CreatedBy);
    }

    /// <summary>Contributors run their project; the circle's moderators and owners may step in.</summary>
    private async Task EnsureCanManage(string actorId)
    {
        var role = await Circle.RoleOf(actorId);
        if (role is null || (role < CircleRole.Moderator && !await IsContributor(actorId)))
            throw CollabException.Forbidden("Only the project's contributors and the circle's moderators can change it.");
    }

    private List<string> Tags(IReadOnlyList<string>? tags)
    {
        var result = (tags ?? []).Select((t, i) => Input.RequiredText($"tags[{i}]", t, limits.Value.TagMaxLength))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (result.Count > limits.Value.MaxTags) throw CollabException.Invalid("tags", $"At most {limits.Value.MaxTags} tags.");
        return result;
    }

    private static List<int> Sdgs(IReadOnlyList<int>? sdgs)
    {
        var result = (sdgs ?? []).Distinct().Order().ToList();
        if (result.Any(n => n is < 1 or > 17))
            throw CollabException.Invalid("sdgs", "'sdgs' are UN Sustainable Development Goal numbers, 1 to 17.");
        return result;
    }

    private async Task EnsureExists()
    {
        await _journal.EnsureCurrentAsync();
        if (!S.Exists) throw CollabException.NotFound($"Project '{Id}' not found.");
        await EnsureLinked();
    }

    private ProjectView View() => new(Id, S.CircleId, S.Title, S.Summary, S.Status, S.Tags.ToList(), S.Sdgs.ToList(),
        S.FirstContributors.ToList(), S.ThreadId, S.CreatedAt, S.CreatedBy, S.ContributorCount);
}
