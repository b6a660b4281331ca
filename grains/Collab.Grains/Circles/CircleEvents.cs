using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Journal;

namespace Collab.Grains.Circles;

// The events of a circle's log. Payloads are what clients receive, so member events keep the shape of CircleMember.

/// <summary>The circle exists, with its first owner.</summary>
public sealed record CircleCreated(string Name, string Description, CircleVisibility Visibility, string OwnerId, DateTimeOffset At);

public sealed record CircleUpdated(string Name, string Description, CircleVisibility Visibility);

public sealed record MemberJoined(string MemberId, CircleRole Role, DateTimeOffset JoinedAt);

public sealed record MemberLeft(string MemberId, CircleRole Role);

/// <param name="Banned">The member may not join (or, in an open circle, read) again until unbanned.</param>
public sealed record MemberRemoved(string MemberId, CircleRole Role, string Reason, bool Banned = false);

public sealed record MemberUnbanned(string MemberId);

public sealed record PolicyChanged(CirclePolicy Policy);

public sealed record MemberMuted(string MemberId, DateTimeOffset Until, string Reason);

public sealed record MemberUnmuted(string MemberId);

/// <summary>A moderator approved one of the member's held posts.</summary>
public sealed record PostApproved(string MemberId, long ThreadCommentId, string ThreadId);

public sealed record MemberInvited(string MemberId);

public sealed record InvitationDeclined(string MemberId);

public sealed record RoleChanged(string MemberId, CircleRole Role, DateTimeOffset JoinedAt, CircleRole PreviousRole);

public sealed record ProjectAdded(string ProjectId, string Title);

public sealed record ThreadAdded(string ThreadId, string Title);

public static class CircleEvents
{
    public static readonly EventCatalog Catalog = new(
        (CircleEventKinds.Created, typeof(CircleCreated)),
        (CircleEventKinds.Updated, typeof(CircleUpdated)),
        (CircleEventKinds.MemberJoined, typeof(MemberJoined)),
        (CircleEventKinds.MemberLeft, typeof(MemberLeft)),
        (CircleEventKinds.MemberRemoved, typeof(MemberRemoved)),
        (CircleEventKinds.MemberInvited, typeof(MemberInvited)),
        (CircleEventKinds.InvitationDeclined, typeof(InvitationDeclined)),
        (CircleEventKinds.RoleChanged, typeof(RoleChanged)),
        (CircleEventKinds.MemberUnbanned, typeof(MemberUnbanned)),
        (CircleEventKinds.PolicyChanged, typeof(PolicyChanged)),
        (CircleEventKinds.MemberMuted, typeof(MemberMuted)),
        (CircleEventKinds.MemberUnmuted, typeof(MemberUnmuted)),
        (CircleEventKinds.PostApproved, typeof(PostApproved)),
        (CircleEventKinds.ProjectAdded, typeof(ProjectAdded)),
        (CircleEventKinds.ThreadAdded, typeof(ThreadAdded)));
}
