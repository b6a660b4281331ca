using Collab.Grains.Abstractions.Threads;
using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Members;

/// <summary>A person: profile, the circles they belong to, their inbox of mentions and replies, and how far they read each thread. Key = member id.</summary>
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
    /// <summary>The member as they see themselves, every circle included.</summary>
    [Alias("get")] Task<MemberView> Get();
    /// <summary>The member as <paramref name="viewerId"/> may see them: only circles the viewer may read are listed.</summary>
    [Alias("get-as")] Task<MemberView> GetAs(string viewerId);
    [Alias("exists")] Task<bool> Exists();
    [Alias("update-profile")] Task<MemberView> UpdateProfile(string actorId, string? handle, string? displayName);
    /// <summary>The member's mentions and replies, newest first, with what is unread.</summary>
    [Alias("inbox")] Task<InboxPage> GetInbox(string actorId, string? after, int limit);
    /// <summary>Marks every mention up to and including <paramref name="upTo"/> (a notice's cursor) as read; answers the unread count.</summary>
    [Alias("mark-inbox-read")] Task<int> MarkInboxRead(string actorId, string upTo);

    /// <summary>
    /// Marks the thread read up to comment <paramref name="upTo"/> (clamped to its newest comment); a mark never moves
    /// back. Answers the mark as it now is, which the member's other tabs and devices also receive live.
    /// </summary>
    [Alias("mark-thread-read")] Task<ThreadReadMark> MarkThreadRead(string actorId, string threadId, long upTo);
    /// <summary>The member's read mark of a thread they may read, null when they never opened it.</summary>
    [Alias("thread-read"), ReadOnly] Task<ThreadReadMark?> GetThreadRead(string actorId, string threadId);
    /// <summary>The circle's threads and its projects' discussions (first page of each), with their activity and what the member has not read.</summary>
    [Alias("unread-in"), ReadOnly] Task<IReadOnlyList<ThreadUnread>> UnreadIn(string actorId, string circleId);

    /// <summary>
    /// Tells the member's open tabs about a mention whose inbox row the thread already stored with the comment:
    /// one-way, because the row, not this push, is what keeps the mention.
    /// </summary>
    [Alias("notify-mention"), Orleans.Concurrency.OneWay] Task NotifyMention(MentionNotice notice);
}
