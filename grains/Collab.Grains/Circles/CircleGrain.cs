using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Circles;

public sealed class CircleGrain(
    [PersistentState("circle", CollabStorage.Name)] IPersistentState<CircleState> state,
    IEventStore events,
    IOptions<CollabLimitsOptions> limits,
    TimeProvider time) : Grain, ICircleGrain
{
    private ScopeLog _log = null!;

    private CircleState S => state.State;
    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new ScopeLog(Scopes.Of(Scopes.Circle, Id), events, GrainFactory, time);
        return _log.LoadAsync(cancellationToken);
    }

    public async Task<CircleView> Create(string actorId, CreateCircle command)
    {
        Input.Id("circleId", Id);
        var name = Input.RequiredText("name", command.Name, limits.Value.NameMaxLength);
        var description = Input.OptionalText("description", command.Description, limits.Value.DescriptionMaxLength);
        if (!Enum.IsDefined(command.Visibility)) throw CollabException.Invalid("visibility", "'visibility' must be Open or InviteOnly.");
        if (state.RecordExists) throw CollabException.Conflict($"Circle '{Id}' already exists.");

        var now = time.UtcNowMicros();
        S.Name = name;
        S.Description = description;
        S.Visibility = command.Visibility;
        S.CreatedAt = now;
        S.CreatedBy = actorId;
        S.Members[actorId] = new CircleMember(actorId, CircleRole.Owner, now);
        await state.WriteStateAsync();
        await PublishMembership(actorId);
        return View();
    }

    public async Task<CircleView> Get(string actorId)
    {
        await EnsureCanRead(actorId);
        return View();
    }

    public Task EnsureCanRead(string memberId)
    {
        EnsureExists();
        if (S.Visibility == CircleVisibility.InviteOnly && !S.Members.ContainsKey(memberId) && !S.Invited.Contains(memberId))
            throw CollabException.Forbidden($"Circle '{Id}' is invite-only; only its members can see it.");
        return Task.CompletedTask;
    }

    public async Task<CircleView> Join(string actorId)
    {
        EnsureExists();
        if (S.Members.ContainsKey(actorId)) return View();
        if (S.Visibility == CircleVisibility.InviteOnly && !S.Invited.Contains(actorId))
            throw CollabException.Forbidden($"Circle '{Id}' is invite-only; ask an owner or moderator for an invitation.");

        S.Invited.Remove(actorId);
        S.Members[actorId] = new CircleMember(actorId, CircleRole.Member, time.UtcNowMicros());
        await state.WriteStateAsync();
        await PublishMembership(actorId);
        await _log.AppendAsync(CircleEventKinds.MemberJoined, actorId, null, CollabJson.Serialize(S.Members[actorId]));
        return View();
    }

    public async Task Leave(string actorId)
    {
        var member = RequireMember(actorId, "You are not a member of this circle.");
        if (member.Role == CircleRole.Owner && OwnerCount() == 1)
            throw CollabException.Conflict("The last owner cannot leave; make another member owner first.");

        S.Members.Remove(actorId);
        await state.WriteStateAsync();
        await PublishMembership(actorId);
        await _log.AppendAsync(CircleEventKinds.MemberLeft, actorId, null, CollabJson.Serialize(new { memberId = actorId }));
    }

    public async Task Invite(string actorId, string memberId)
    {
        var actor = RequireMember(actorId, "Only members of this circle can invite.");
        if (actor.Role < CircleRole.Moderator) throw CollabException.Forbidden("Only owners and moderators can invite.");
        Input.Id("memberId", memberId);
        if (!await GrainFactory.GetGrain<IMemberGrain>(memberId).Exists())
            throw CollabException.NotFound($"Member '{memberId}' not found.");
        if (S.Members.ContainsKey(memberId) || !S.Invited.Add(memberId)) return;
        await state.WriteStateAsync();
        await _log.AppendAsync(CircleEventKinds.MemberInvited, actorId, null, CollabJson.Serialize(new { memberId }));
    }

    public async Task<CircleView> ChangeRole(string actorId, string memberId, CircleRole role)
    {
        var actor = RequireMember(actorId, "Only members of this circle can change roles.");
        if (actor.Role != CircleRole.Owner) throw CollabException.Forbidden("Only owners can change roles.");
        if (!Enum.IsDefined(role)) throw CollabException.Invalid("role", "'role' must be Member, Moderator or Owner.");
        if (!S.Members.TryGetValue(memberId, out var target)) throw CollabException.NotFound($"Member '{memberId}' is not in this circle.");
        if (target.Role == role) return View();
        if (target.Role == CircleRole.Owner && OwnerCount() == 1)
            throw CollabException.Conflict("A circle needs at least one owner; make another member owner first.");

        S.Members[memberId] = target with { Role = role };
        await state.WriteStateAsync();
        await PublishMembership(memberId);
        await _log.AppendAsync(CircleEventKinds.RoleChanged, actorId, null, CollabJson.Serialize(S.Members[memberId]));
        return View();
    }

    public Task<CircleRole?> RoleOf(string memberId)
    {
        EnsureExists();
        return Task.FromResult(S.Members.TryGetValue(memberId, out var m) ? m.Role : (CircleRole?)null);
    }

    public Task AttachProject(string actorId, string projectId, string title) =>
        Attach(actorId, S.ProjectIds, projectId, CircleEventKinds.ProjectAdded, CollabJson.Serialize(new { projectId, title }));

    public Task AttachThread(string actorId, string threadId, string title) =>
        Attach(actorId, S.ThreadIds, threadId, CircleEventKinds.ThreadAdded, CollabJson.Serialize(new { threadId, title }));

    private async Task Attach(string actorId, List<string> ids, string id, string kind, string payload)
    {
        RequireMember(actorId, "Join the circle to start projects and threads in it.");
        if (ids.Contains(id)) return;
        ids.Add(id);
        await state.WriteStateAsync();
        await _log.AppendAsync(kind, actorId, null, payload);
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw CollabException.NotFound($"Circle '{Id}' not found.");
    }

    private CircleMember RequireMember(string memberId, string message)
    {
        EnsureExists();
        return S.Members.TryGetValue(memberId, out var m) ? m : throw CollabException.Forbidden(message);
    }

    private int OwnerCount() => S.Members.Values.Count(m => m.Role == CircleRole.Owner);

    /// <summary>The member grain and the directory keep copies of what this grain owns; it tells them after each change.</summary>
    private async Task PublishMembership(string memberId)
    {
        CircleRole? role = S.Members.TryGetValue(memberId, out var m) ? m.Role : null;
        await GrainFactory.GetGrain<IMemberGrain>(memberId).RecordMembership(Id, role);
        await GrainFactory.GetGrain<ICircleDirectoryGrain>(ICircleDirectoryGrain.Key)
            .Upsert(new CircleSummary(Id, S.Name, S.Description, S.Visibility, S.Members.Count));
    }

    private CircleView View() => new(
        Id, S.Name, S.Description, S.Visibility,
        S.Members.Values.OrderByDescending(m => m.Role).ThenBy(m => m.JoinedAt).ToList(),
        S.ProjectIds.ToList(), S.ThreadIds.ToList(), S.CreatedAt, S.CreatedBy);
}
