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
    /// <summary>The invited member turns the invitation down; without one, nothing changes.</summary>
    [Alias("decline-invitation")] Task DeclineInvitation(string actorId);
    [Alias("change-role")] Task<CircleMember> ChangeRole(string actorId, string memberId, CircleRole role);
    /// <summary>
    /// Owners and moderators remove a member (not an owner, unless an owner does it), banning them from joining
    /// (and reading) again when <paramref name="ban"/>; their live connections lose what they may no longer read at once.
    /// </summary>
    [Alias("remove-member")] Task RemoveMember(string actorId, string memberId, string? reason, bool ban = false);
    [Alias("unban")] Task Unban(string actorId, string memberId);
    /// <summary>Owners set the posting limit and the holding of new members' first posts.</summary>
    [Alias("set-policy")] Task SetPolicy(string actorId, CirclePolicy policy);
    /// <summary>Owners and moderators stop a member from posting in the circle for a while.</summary>
    [Alias("mute")] Task<CircleMember> Mute(string actorId, string memberId, TimeSpan duration, string? reason);
    [Alias("unmute")] Task<CircleMember> Unmute(string actorId, string memberId);
    /// <summary>What a thread checks before a member posts: role, mute, holding and limits, in one read-only call.</summary>
    [Alias("posting-rights"), ReadOnly] Task<PostingRights> PostingRightsOf(string memberId);
    /// <summary>Called by a thread when a moderator approves a held post: it counts towards the member's first posts.</summary>
    [Alias("record-approved-post")] Task RecordApprovedPost(string actorId, string memberId, string threadId, long commentId);

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
