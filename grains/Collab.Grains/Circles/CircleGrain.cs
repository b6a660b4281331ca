using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Journal;
using Collab.Grains.Moderation;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Circles;

public sealed partial class CircleGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits, TimeProvider time) : Grain, ICircleGrain
{
    private ScopeJournal<CircleState> _journal = null!;
    private AccessCache _access = null!;

    private CircleState S => _journal.State;
    private string Id => this.GetPrimaryKeyString();
    private string Scope => _journal.Scope;
    private IEventStore Events => journals.Events;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create<CircleState>(Scopes.Of(Scopes.Circle, Id), CircleEvents.Catalog, GrainFactory);
        _access = new AccessCache(Events, _journal.Scope);
        // Events another activation wrote were folded in without passing through this one's commands.
        _journal.CaughtUp += _access.Clear;
        return _journal.LoadAsync(cancellationToken);
    }

    public async Task<CircleView> Create(string actorId, CreateCircle command)
    {
        Input.Id("circleId", Id);
        var name = Input.RequiredText("name", command.Name, limits.Value.NameMaxLength);
        var description = Input.OptionalText("description", command.Description, limits.Value.DescriptionMaxLength);
        if (!Enum.IsDefined(command.Visibility)) throw CollabException.Invalid("visibility", "'visibility' must be Open or InviteOnly.");
        await _journal.EnsureCurrentAsync();
        if (S.Exists) throw CollabException.Conflict($"Circle '{Id}' already exists.");

        var created = new CircleCreated(name, description, command.Visibility, actorId, time.UtcNowMicros());
        var owner = new CircleMember(actorId, CircleRole.Owner, created.At);
        var seq = _journal.Version + 1;
        await Append(created, actorId,
            CircleRows.Member(Id, owner, seq), CircleRows.MembersCircle(Id, actorId, CircleRole.Owner, seq), CircleRows.Directory(Id, S.After(created)));
        _access.Set(actorId, new Access(owner, false, false));
        return await View(actorId);
    }

    public async Task<CircleView> Get(string actorId)
    {
        await EnsureCanRead(actorId);
        return await View(actorId);
    }

    public async Task<CircleView> Update(string actorId, UpdateCircle command)
    {
        await RequireRole(actorId, CircleRole.Owner, "Only owners can edit a circle.");
        var name = command.Name is null ? S.Name : Input.RequiredText("name", command.Name, limits.Value.NameMaxLength);
        var description = command.Description is null ? S.Description : Input.OptionalText("description", command.Description, limits.Value.DescriptionMaxLength);
        var visibility = command.Visibility ?? S.Visibility;
        if (!Enum.IsDefined(visibility)) throw CollabException.Invalid("visibility", "'visibility' must be Open or InviteOnly.");
        var updated = new CircleUpdated(name, description, visibility);
        if (updated == new CircleUpdated(S.Name, S.Description, S.Visibility)) return await View(actorId);

        await Append(updated, actorId, CircleRows.Directory(Id, S.After(updated)));
        return await View(actorId);
    }

    public async Task<CircleView> Join(string actorId)
    {
        await EnsureExists();
        var access = await _access.Get(actorId);
        if (access.Role is not null) return await View(actorId);
        if (access.Banned) throw CollabException.Forbidden($"You were removed from circle '{Id}' and cannot join it again.");
        if (S.Visibility == CircleVisibility.InviteOnly && !access.Invited)
            throw CollabException.Forbidden($"Circle '{Id}' is invite-only; ask an owner or moderator for an invitation.");

        var joined = new MemberJoined(actorId, CircleRole.Member, time.UtcNowMicros());
        var member = new CircleMember(actorId, CircleRole.Member, joined.JoinedAt);
        var seq = _journal.Version + 1;
        await Append(joined, actorId,
            CircleRows.Member(Id, member, seq),
            RowChange.Delete(Scope, CircleRows.Invited, actorId),
            CircleRows.MembersInvitationGone(Id, actorId),
            CircleRows.MembersCircle(Id, actorId, CircleRole.Member, seq),
            CircleRows.Directory(Id, S.After(joined)));
        _access.Set(actorId, new Access(member, false, false));
        _ = GrainFactory.GetGrain<IActivityGrain>(Id).Report(new ActivityReport(Id, ActivityKind.MemberJoined, 1, joined.JoinedAt));
        return await View(actorId);
    }

    public async Task Leave(string actorId)
    {
        var role = await RequireRole(actorId, CircleRole.Member, "You are not a member of this circle.");
        if (role == CircleRole.Owner && S.OwnerCount == 1)
            throw CollabException.Conflict("The last owner cannot leave; make another member owner first.");
        await RemoveRows(new MemberLeft(actorId, role), actorId, actorId, []);
    }

    public async Task Invite(string actorId, string memberId)
    {
        await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can invite.");
        Input.Id("memberId", memberId);
        if (!await GrainFactory.GetGrain<IMemberGrain>(memberId).Exists())
            throw CollabException.NotFound($"Member '{memberId}' not found.");
        var access = await _access.Get(memberId);
        if (access.Role is not null || access.Invited) return;
        if (access.Banned) throw CollabException.Conflict($"Member '{memberId}' is banned from this circle; lift the ban first.");

        var seq = _journal.Version + 1;
        var at = time.UtcNowMicros();
        // The member's list is ordered by when each invitation came (circles' seqs do not compare with each other).
        var position = (at - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        await Append(new MemberInvited(memberId), actorId,
            RowChange.Upsert(Scope, CircleRows.Invited, memberId, seq, new MemberInvited(memberId)),
            CircleRows.MembersInvitation(Id, new CircleInvitation(Id, actorId, at), memberId, position));
        _access.Set(memberId, access with { Invited = true });
    }

    public async Task DeclineInvitation(string actorId)
    {
        await EnsureExists();
        var access = await _access.Get(actorId);
        if (!access.Invited) return;
        await Append(new InvitationDeclined(actorId), actorId,
            RowChange.Delete(Scope, CircleRows.Invited, actorId), CircleRows.MembersInvitationGone(Id, actorId));
        _access.Set(actorId, access with { Invited = false });
    }

    public async Task<CircleMember> ChangeRole(string actorId, string memberId, CircleRole role)
    {
        await RequireRole(actorId, CircleRole.Owner, "Only owners can change roles.");
        if (!Enum.IsDefined(role)) throw CollabException.Invalid("role", "'role' must be Member, Moderator or Owner.");
        var row = await Events.GetRowAsync(Scope, CircleRows.Members, memberId)
            ?? throw CollabException.NotFound($"Member '{memberId}' is not in this circle.");
        var member = row.Read<CircleMember>();
        if (member.Role == role) return member;
        if (member.Role == CircleRole.Owner && S.OwnerCount == 1)
            throw CollabException.Conflict("A circle needs at least one owner; make another member owner first.");

        var changed = member with { Role = role };
        var seq = _journal.Version + 1;
        // The member row keeps its position: the list stays in the order people joined.
        await Append(new RoleChanged(memberId, role, member.JoinedAt, member.Role), actorId,
            CircleRows.Member(Id, changed, row.Position), CircleRows.MembersCircle(Id, memberId, role, seq),
            Audit(actorId, "member.role-changed", $"member:{memberId}", role.ToString(), seq));
        _access.Set(memberId, new Access(changed, false, false));
        return changed;
    }

    public async Task<CircleRole?> RoleOf(string memberId)
    {
        await EnsureExists();
        return (await _access.Get(memberId)).Role;
    }

    public async Task EnsureCanRead(string memberId)
    {
        await EnsureExists();
        if (!await MayRead(memberId))
            throw CollabException.Forbidden($"Circle '{Id}' is invite-only; only its members can see it.");
    }

    public async Task<bool> CanRead(string memberId) => S.Exists && await MayRead(memberId);

    public async Task<Page<CircleMember>> Members(string actorId, string? after, int limit)
    {
        await EnsureCanRead(actorId);
        return await RowPages.ReadAsync<CircleMember>(Events, Scope, CircleRows.Members, after, limit, limits.Value.PageMaxSize);
    }

    public async Task<Page<CircleChild>> Projects(string actorId, string? after, int limit)
    {
        await EnsureCanRead(actorId);
        return await RowPages.ReadAsync<CircleChild>(Events, Scope, CircleRows.Projects, after, limit, limits.Value.PageMaxSize);
    }

    public async Task<Page<CircleChild>> Threads(string actorId, string? after, int limit)
    {
        await EnsureCanRead(actorId);
        return await RowPages.ReadAsync<CircleChild>(Events, Scope, CircleRows.Threads, after, limit, limits.Value.PageMaxSize);
    }

    public Task AttachProject(string actorId, string projectId, string title) =>
        Attach(actorId, CircleRows.Projects, projectId, title, new ProjectAdded(projectId, title));

    public Task AttachThread(string actorId, string threadId, string title) =>
        Attach(actorId, CircleRows.Threads, threadId, title, new ThreadAdded(threadId, title));

    private async Task Attach(string actorId, string collection, string id, string title, object added)
    {
        await RequireRole(actorId, CircleRole.Member, "Join the circle to start projects and threads in it.");
        if (await Events.GetRowAsync(Scope, collection, id) is not null) return;
        await Append(added, actorId, RowChange.Upsert(Scope, collection, id, _journal.Version + 1, new CircleChild(id, title)));
    }

    private async Task RemoveRows(object removal, string actorId, string memberId, IReadOnlyList<RowChange> extra)
    {
        await Append(removal, actorId, [
            RowChange.Delete(Scope, CircleRows.Members, memberId),
            RowChange.Delete(Scopes.Of(Scopes.Member, memberId), CircleRows.MemberCircles, Id),
            CircleRows.Directory(Id, S.After(removal)), .. extra]);
        _access.Set(memberId, Access.None);
    }

    private Task Append(object evt, string actorId, params RowChange[] rows) => _journal.AppendAsync(evt, actorId, rows: rows);

    private async Task<bool> MayRead(string memberId)
    {
        var access = await _access.Get(memberId);
        if (access.Banned) return false;
        return S.Visibility == CircleVisibility.Open || access.Role is not null || access.Invited;
    }

    private async Task EnsureExists()
    {
        await _journal.EnsureCurrentAsync();
        if (!S.Exists) throw CollabException.NotFound($"Circle '{Id}' not found.");
    }

    private async Task<CircleRole> RequireRole(string memberId, CircleRole atLeast, string message)
    {
        await EnsureExists();
        return (await _access.Get(memberId)).Role is { } role && role >= atLeast ? role : throw CollabException.Forbidden(message);
    }

    private async Task<CircleView> View(string viewerId)
    {
        var access = await _access.Get(viewerId);
        return new CircleView(Id, S.Name, S.Description, S.Visibility, S.MemberCount, access.Role, access.Invited, S.CreatedAt, S.CreatedBy, S.Policy);
    }
}
