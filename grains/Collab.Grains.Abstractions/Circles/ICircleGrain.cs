using Collab.Grains.Abstractions.Paging;
using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Circles;

/// <summary>
/// One circle, keyed by its id. Owns membership and roles, so every other grain asks it who may do what.
/// Every command takes the acting member's id first; the grain decides. The checks other grains call on every
/// comment, operation and cursor are read-only, so they run concurrently instead of queueing behind each other.
/// </summary>
[Alias("collab.circle")]
public interface ICircleGrain : IGrainWithStringKey
{
    [Alias("create")] Task<CircleView> Create(string actorId, CreateCircle command);
    [Alias("get"), ReadOnly] Task<CircleView> Get(string actorId);
    /// <summary>Owners change the name, description or visibility.</summary>
    [Alias("update")] Task<CircleView> Update(string actorId, UpdateCircle command);
    [Alias("join")] Task<CircleView> Join(string actorId);
    [Alias("leave")] Task Leave(string actorId);
    [Alias("invite")] Task Invite(string actorId, string memberId);
    [Alias("change-role")] Task<CircleMember> ChangeRole(string actorId, string memberId, CircleRole role);
    /// <summary>Owners and moderators remove a member (not an owner, unless an owner does it); their live connections lose the circle at once.</summary>
    [Alias("remove-member")] Task RemoveMember(string actorId, string memberId, string? reason);

    [Alias("members"), ReadOnly] Task<Page<CircleMember>> Members(string actorId, string? after, int limit);
    [Alias("projects"), ReadOnly] Task<Page<CircleChild>> Projects(string actorId, string? after, int limit);
    [Alias("threads"), ReadOnly] Task<Page<CircleChild>> Threads(string actorId, string? after, int limit);

    /// <summary>The member's role, or null when not a member. Throws NotFound for a circle never created.</summary>
    [Alias("role-of"), ReadOnly] Task<CircleRole?> RoleOf(string memberId);

    /// <summary>Throws Forbidden unless the member may read this circle and what lives in it.</summary>
    [Alias("ensure-can-read"), ReadOnly] Task EnsureCanRead(string memberId);

    /// <summary>Whether the member may read this circle; false (not NotFound) for a circle that does not exist.</summary>
    [Alias("can-read"), ReadOnly] Task<bool> CanRead(string memberId);

    /// <summary>Called by a new project or thread of this circle, after the circle said its creator may contribute.</summary>
    [Alias("attach-project")] Task AttachProject(string actorId, string projectId, string title);
    [Alias("attach-thread")] Task AttachThread(string actorId, string threadId, string title);
}
