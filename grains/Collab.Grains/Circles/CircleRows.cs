using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Storage;

namespace Collab.Grains.Circles;

/// <summary>The rows a circle writes with its events: its own collections, its members' circle lists and the directory.</summary>
public static class CircleRows
{
    public const string Members = "members";
    public const string Invited = "invited";
    public const string Banned = "banned";
    public const string Projects = "projects";
    public const string Threads = "threads";

    /// <summary>A member's own list of circles lives in the member's scope.</summary>
    public const string MemberCircles = "circles";

    /// <summary>The invitations waiting for a member's answer live in the member's scope, so their own list is one read.</summary>
    public const string MemberInvitations = "invitations";

    public const string DirectoryScope = "directory";
    public const string DirectoryCircles = "circles";

    public static RowChange Member(string circleId, CircleMember member, long position) =>
        RowChange.Upsert(Scopes.Of(Scopes.Circle, circleId), Members, member.MemberId, position, member);

    public static RowChange MembersCircle(string circleId, string memberId, CircleRole role, long position) =>
        RowChange.Upsert(Scopes.Of(Scopes.Member, memberId), MemberCircles, circleId, position, new MemberCircle(circleId, role));

    public static RowChange MembersInvitation(string circleId, CircleInvitation invitation, string memberId, long position) =>
        RowChange.Upsert(Scopes.Of(Scopes.Member, memberId), MemberInvitations, circleId, position, invitation);

    public static RowChange MembersInvitationGone(string circleId, string memberId) =>
        RowChange.Delete(Scopes.Of(Scopes.Member, memberId), MemberInvitations, circleId);

    /// <summary>The circle's directory row as of <paramref name="s"/> (the state after the event it is written with).</summary>
    public static RowChange Directory(string circleId, CircleState s) =>
        RowChange.Upsert(DirectoryScope, DirectoryCircles, circleId, (s.CreatedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond,
            new CircleSummary(circleId, s.Name, s.Description, s.Visibility, s.MemberCount));
}
