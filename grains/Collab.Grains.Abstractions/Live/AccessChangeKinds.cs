namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// The circle events after which web nodes check again whether their live connections may still read what
/// they joined under that circle. This is the contract between the grains that own membership and the live
/// push: a circle logs one of these kinds whenever a change can take away someone's right to read.
/// </summary>
public static class AccessChangeKinds
{
    // About one member: the payload is a JSON object with a "memberId" string naming them.
    public const string MemberLeft = "member.left";
    public const string MemberRemoved = "member.removed";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberBanned = "member.banned";
    /// <summary>An invited member may read an invite-only circle; declining ends that.</summary>
    public const string InvitationDeclined = "member.invitation-declined";

    /// <summary>About everyone in the circle (its visibility may have become invite-only, for one).</summary>
    public const string CircleUpdated = "circle.updated";

    public static bool IsAboutOneMember(string kind) =>
        kind is MemberLeft or MemberRemoved or MemberRoleChanged or MemberBanned or InvitationDeclined;

    public static bool IsAboutEveryone(string kind) => kind is CircleUpdated;
}
