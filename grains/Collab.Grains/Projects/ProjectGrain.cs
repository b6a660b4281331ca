using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Projects;

public sealed class ProjectGrain(
    [PersistentState("project", CollabStorage.Name)] IPersistentState<ProjectState> state,
    IEventStore events,
    IOptions<CollabLimitsOptions> limits,
    TimeProvider time) : Grain, IProjectGrain
{
    private ScopeLog _log = null!;

    private ProjectState S => state.State;
    private string Id => this.GetPrimaryKeyString();
    private ICircleGrain Circle => GrainFactory.GetGrain<ICircleGrain>(S.CircleId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new ScopeLog(Scopes.Of(Scopes.Project, Id), events, GrainFactory, time);
        return _log.LoadAsync(cancellationToken);
    }

    public async Task<ProjectView> Create(string actorId, CreateProject command)
    {
        Input.Id("projectId", Id);
        Input.Id("circleId", command.CircleId);
        var title = Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        var summary = Input.OptionalText("summary", command.Summary, limits.Value.DescriptionMaxLength);
        var tags = Tags(command.Tags);
        var sdgs = Sdgs(command.Sdgs);
        if (state.RecordExists) throw CollabException.Conflict($"Project '{Id}' already exists.");
        var circle = GrainFactory.GetGrain<ICircleGrain>(command.CircleId);
        if (await circle.RoleOf(actorId) is null) throw CollabException.Forbidden("Join the circle to start projects in it.");

        var threadId = NewId.For("t");
        await GrainFactory.GetGrain<IThreadGrain>(threadId).Create(actorId, new CreateThread(command.CircleId, Id, title));
        S.CircleId = command.CircleId;
        S.Title = title;
        S.Summary = summary;
        S.Status = ProjectStatus.Running;
        S.Tags = tags;
        S.Sdgs = sdgs;
        S.ContributorIds = [actorId];
        S.ThreadId = threadId;
        S.CreatedAt = time.UtcNowMicros();
        S.CreatedBy = actorId;
        await state.WriteStateAsync();
        await circle.AttachProject(actorId, Id, title);
        return View();
    }

    public async Task<ProjectView> Get(string actorId)
    {
        EnsureExists();
        await Circle.EnsureCanRead(actorId);
        return View();
    }

    public async Task<ProjectView> Update(string actorId, UpdateProject command)
    {
        EnsureExists();
        var title = command.Title is null ? S.Title : Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        var summary = command.Summary is null ? S.Summary : Input.OptionalText("summary", command.Summary, limits.Value.DescriptionMaxLength);
        if (command.Status is { } status && !Enum.IsDefined(status))
            throw CollabException.Invalid("status", "'status' must be Running, Completed or Canceled.");
        var tags = command.Tags is null ? S.Tags : Tags(command.Tags);
        var sdgs = command.Sdgs is null ? S.Sdgs : Sdgs(command.Sdgs);
        await EnsureCanManage(actorId);

        S.Title = title;
        S.Summary = summary;
        S.Status = command.Status ?? S.Status;
        S.Tags = tags;
        S.Sdgs = sdgs;
        await state.WriteStateAsync();
        return await Published(ProjectEventKinds.Updated, actorId);
    }

    public async Task<ProjectView> AddContributor(string actorId, string memberId)
    {
        EnsureExists();
        await EnsureCanManage(actorId);
        if (await Circle.RoleOf(memberId) is null) throw CollabException.Invalid("memberId", $"Member '{memberId}' is not in this project's circle.");
        if (S.ContributorIds.Contains(memberId)) return View();
        S.ContributorIds.Add(memberId);
        await state.WriteStateAsync();
        return await Published(ProjectEventKinds.ContributorAdded, actorId);
    }

    /// <summary>Contributors run their project; the circle's moderators and owners may step in.</summary>
    private async Task EnsureCanManage(string actorId)
    {
        var role = await Circle.RoleOf(actorId);
        if (role is null || (!S.ContributorIds.Contains(actorId) && role < CircleRole.Moderator))
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

    private async Task<ProjectView> Published(string kind, string actorId)
    {
        var view = View();
        await _log.AppendAsync(kind, actorId, null, CollabJson.Serialize(view));
        return view;
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw CollabException.NotFound($"Project '{Id}' not found.");
    }

    private ProjectView View() => new(Id, S.CircleId, S.Title, S.Summary, S.Status, S.Tags.ToList(), S.Sdgs.ToList(),
        S.ContributorIds.ToList(), S.ThreadId, S.CreatedAt, S.CreatedBy);
}
