using Collab.Grains.Abstractions.Circles;

namespace Collab.Grains.Abstractions.Members;

/// <summary>A person: profile, the circles they belong to, and their inbox of mentions. Key = member id.</summary>
[Alias("collab.member")]
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Creates the member with a handle it has already claimed through <see cref="IHandleGrain"/>.</summary>
    [Alias("register")] Task<MemberView> Register(string handle, string displayName);
    /// <summary>
    /// For a person from an external identity provider: the member, created on first use with
    /// <paramref name="preferredHandle"/> when it is a free, valid handle, else with a handle made from the id.
    /// </summary>
    [Alias("ensure-registered")] Task<MemberView> EnsureRegistered(string preferredHandle, string displayName);
    [Alias("get")] Task<MemberView> Get();
    [Alias("exists")] Task<bool> Exists();
    [Alias("update-profile")] Task<MemberView> UpdateProfile(string actorId, string? handle, string? displayName);
    [Alias("inbox")] Task<IReadOnlyList<MentionNotice>> GetInbox(string actorId);

    /// <summary>Kept current by the circle grain, which owns membership; this is the member's own index of it.</summary>
    [Alias("record-membership")] Task RecordMembership(string circleId, CircleRole? role);
    [Alias("notify-mention")] Task NotifyMention(MentionNotice notice);
}
