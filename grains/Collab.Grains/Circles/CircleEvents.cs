using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Journal;

namespace Collab.Grains.Circles;

// The events of a circle's log. Payloads are what clients receive, so member events keep the shape of CircleMember.

/// <summary>The circle exists, with its first owner.</summary>
public sealed record CircleCreated(string Name, string Description, CircleVisibility Visibility, string OwnerId, DateTimeOffset At);

public sealed record CircleUpdated(string Name, string Description, CircleVisibility Visibility);

public sealed record MemberJoined(string MemberId, CircleRole Role, DateTimeOffset JoinedAt);

public sealed record MemberLeft(string MemberId, CircleRole Role);

public sealed record MemberRemoved(string MemberId, CircleRole Role, string Reason);

public sealed record MemberInvited(string MemberId);

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
        (CircleEventKinds.RoleChanged, typeof(RoleChanged)),
        (CircleEventKinds.ProjectAdded, typeof(ProjectAdded)),
        (CircleEventKinds.ThreadAdded, typeof(ThreadAdded)));
}
