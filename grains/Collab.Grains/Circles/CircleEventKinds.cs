namespace Collab.Grains.Circles;

/// <summary>The kinds of event in a circle's log; clients (and web nodes, to revoke access) switch on these strings.</summary>
public static class CircleEventKinds
{
    public const string Created = "circle.created";
    public const string Updated = "circle.updated";
    public const string MemberJoined = "member.joined";
    public const string MemberLeft = "member.left";
    public const string MemberRemoved = "member.removed";
    public const string MemberInvited = "member.invited";
    public const string RoleChanged = "member.role-changed";
    public const string ProjectAdded = "project.added";
    public const string ThreadAdded = "thread.added";
}
