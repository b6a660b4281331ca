using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Journal;

namespace Collab.Grains.Circles;

/// <summary>
/// What a circle is, folded from its log. Who belongs to it is not here: members, invitations, projects and
/// threads are rows written with their events, so this stays a few hundred bytes at any size.
/// </summary>
public sealed class CircleState : IJournalState
{
    public bool Exists { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public CircleVisibility Visibility { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int MemberCount { get; set; }
    public int OwnerCount { get; set; }
    public CirclePolicy Policy { get; set; } = CirclePolicy.Default;

    /// <summary>The state this one becomes with <paramref name="evt"/>, leaving this one as it is.</summary>
    public CircleState After(object evt)
    {
        var next = (CircleState)MemberwiseClone();
        next.Apply(CircleEvents.Catalog.KindOf(evt), evt);
        return next;
    }

    public void Apply(string kind, object evt)
    {
        switch (evt)
        {
            case CircleCreated e: Apply(e); break;
            case CircleUpdated e: Apply(e); break;
            case MemberJoined e: Apply(e); break;
            case MemberLeft e: Apply(e); break;
            case MemberRemoved e: Apply(e); break;
            case RoleChanged e: Apply(e); break;
            case PolicyChanged e: Policy = e.Policy; break;
            case MemberInvited or InvitationDeclined or ProjectAdded or ThreadAdded or MemberUnbanned or MemberMuted or MemberUnmuted or PostApproved: break; // rows only
            default: throw new InvalidOperationException($"A circle cannot apply {evt.GetType().Name}.");
        }
    }

    public void Apply(CircleCreated e)
    {
        Exists = true;
        (Name, Description, Visibility, CreatedAt, CreatedBy) = (e.Name, e.Description, e.Visibility, e.At, e.OwnerId);
        MemberCount = OwnerCount = 1;
    }

    public void Apply(CircleUpdated e) => (Name, Description, Visibility) = (e.Name, e.Description, e.Visibility);

    public void Apply(MemberJoined e)
    {
        MemberCount++;
        if (e.Role == CircleRole.Owner) OwnerCount++;
    }

    public void Apply(MemberLeft e) => Remove(e.Role);

    public void Apply(MemberRemoved e) => Remove(e.Role);

    public void Apply(RoleChanged e) =>
        OwnerCount += (e.Role == CircleRole.Owner ? 1 : 0) - (e.PreviousRole == CircleRole.Owner ? 1 : 0);

    private void Remove(CircleRole role)
    {
        MemberCount--;
        if (role == CircleRole.Owner) OwnerCount--;
    }
}
