namespace Collab.Grains.Abstractions.Circles;

/// <summary>
/// One circle, keyed by its id. Owns membership and roles, so every other grain asks it who may do what.
/// Every command takes the acting member's id first; the grain decides.
/// </summary>
[Alias("collab.circle")]
public interface ICircleGrain : IGrainWithStringKey
{
    [Alias("create")] Task<CircleView> Create(string actorId, CreateCircle command);
    [Alias("get")] Task<CircleView> Get(string actorId);
    [Alias("join")] Task<CircleView> Join(string actorId);
    [Alias("leave")] Task Leave(string actorId);
    [Alias("invite")] Task Invite(string actorId, string memberId);
    [Alias("change-role")] Task<CircleView> ChangeRole(string actorId, string memberId, CircleRole role);

    /// <summary>The member's role, or null when not a member. Throws NotFound for a circle never created.</summary>
    [Alias("role-of")] Task<CircleRole?> RoleOf(string memberId);

    /// <summary>Throws Forbidden unless the member may read this circle and what lives in it.</summary>
    [Alias("ensure-can-read")] Task EnsureCanRead(string memberId);

    /// <summary>Called by a new project or thread of this circle, after the circle said its creator may contribute.</summary>
    [Alias("attach-project")] Task AttachProject(string actorId, string projectId, string title);
    [Alias("attach-thread")] Task AttachThread(string actorId, string threadId, string title);
}
