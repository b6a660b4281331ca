using Collab.Grains.Abstractions.Live;

namespace Collab.Grains.Circles;

/// <summary>The kinds of event in a circle's log; clients (and web nodes, to revoke access) switch on these strings.</summary>
public static class CircleEventKinds
{
    public const string Created = "circle.created";
    // The kinds that can take away someone's right to read are the live push's contract (AccessChangeKinds).
    public const string Updated = AccessChangeKinds.CircleUpdated;
    public const string MemberJoined = "member.joined";
    public const string MemberLeft = AccessChangeKinds.MemberLeft;
    public const string MemberRemoved = AccessChangeKinds.MemberRemoved;
    public const string MemberInvited = "member.invited";
    public const string InvitationDeclined = AccessChangeKinds.InvitationDeclined;
    public const string RoleChanged = AccessChangeKinds.MemberRoleChanged;
    public const string PolicyChanged = "circle.policy-changed";
    public const string MemberMuted = "member.muted";
    public const string MemberUnmuted = "member.unmuted";
    public const string MemberUnbanned = "member.unbanned";
    public const string PostApproved = "member.post-approved";
    public const string ProjectAdded = "project.added";
    public const string ThreadAdded = "thread.added";
}
