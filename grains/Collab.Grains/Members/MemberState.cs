using Collab.Grains.Abstractions.Members;
using Collab.Grains.Journal;

namespace Collab.Grains.Members;

/// <summary>A member's profile and inbox read mark, folded from their log; circles, mentions and thread read marks are rows.</summary>
public sealed class MemberState : IJournalState
{
    public bool Exists { get; set; }
    public string Handle { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long InboxReadUpTo { get; set; }

    public void Apply(string kind, object evt)
    {
        switch (evt)
        {
            case MemberRegistered e: Apply(e); break;
            case ProfileUpdated e: Apply(e); break;
            case InboxRead e: Apply(e); break;
            case MentionNotice: break; // the live push of a row the thread stored
            case ThreadRead: break; // the mark is a row; the event tells the member's other devices
            default: throw new InvalidOperationException($"A member cannot apply {evt.GetType().Name}.");
        }
    }

    public void Apply(MemberRegistered e) => (Exists, Handle, DisplayName, CreatedAt) = (true, e.Handle, e.DisplayName, e.At);

    public void Apply(ProfileUpdated e) => (Handle, DisplayName) = (e.Handle, e.DisplayName);

    public void Apply(InboxRead e) => InboxReadUpTo = Math.Max(InboxReadUpTo, e.UpTo);
}
