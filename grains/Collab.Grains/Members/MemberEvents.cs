using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Journal;

namespace Collab.Grains.Members;

public sealed record MemberRegistered(string Handle, string DisplayName, DateTimeOffset At);

public sealed record ProfileUpdated(string Handle, string DisplayName);

/// <summary>The member read a thread up to a comment; the mark is a row of their scope, one per thread.</summary>
public sealed record ThreadRead(ThreadReadMark Mark);

/// <summary>Everything in the inbox up to this position is read.</summary>
public sealed record InboxRead(long UpTo);

public static class MemberEvents
{
    public const string Registered = "member.registered";
    public const string ProfileChanged = "member.profile-updated";
    public const string Mention = "inbox.mention";
    public const string Reply = "inbox.reply";
    public const string Read = "inbox.read";
    public const string ThreadReadKind = "thread.read";

    /// <summary>The member's read mark of each thread they opened, keyed by thread id.</summary>
    public const string ThreadReads = "reads";

    /// <summary>The inbox rows of a member's scope, written by threads with the comments that mention them.</summary>
    public const string InboxRows = "inbox";

    public static readonly EventCatalog Catalog = new(
        (Registered, typeof(MemberRegistered)),
        (ProfileChanged, typeof(ProfileUpdated)),
        (Mention, typeof(MentionNotice)),
        (Reply, typeof(MentionNotice)),
        (Read, typeof(InboxRead)),
        (ThreadReadKind, typeof(ThreadRead)));
}
