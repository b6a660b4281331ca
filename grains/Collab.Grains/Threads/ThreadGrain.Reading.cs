using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Members;
using Collab.Grains.Storage;

namespace Collab.Grains.Threads;

/// <summary>What members learn of a thread without reading it: read marks, live summaries for lists, and notices of replies.</summary>
public sealed partial class ThreadGrain
{
    /// <summary>Comments counted one by one past a mark before the count stops; a list shows "100+" beyond it anyway.</summary>
    private const int UnreadCountCap = 100;

    public async Task<ThreadReadMark> ReadMark(string actorId, long upTo)
    {
        if (upTo < 0) throw Abstractions.Errors.CollabException.Invalid("upTo", "'upTo' must not be negative.");
        await EnsureCanRead(actorId);
        var mark = Math.Min(upTo, S.LastCommentId);
        return new ThreadReadMark(Id, S.CircleId, mark, S.CommentCount - await VisibleAfter(mark), time.UtcNowMicros());
    }

    /// <summary>
    /// Comments past a mark that count in <see cref="ThreadState.CommentCount"/> (not deleted, not held): read only
    /// when a member stops before the newest comment, and never more than a page.
    /// </summary>
    private async Task<int> VisibleAfter(long mark)
    {
        if (mark >= S.LastCommentId) return 0;
        var rows = await Events.ReadCommentsAsync(Id, mark, UnreadCountCap);
        return rows.Select(CommentRecord.ToView).Count(c => c.DeletedAt is null && !c.Held);
    }

    /// <summary>
    /// The circle's lists show each thread's count and last activity live. One-way and unstored, so a post costs no
    /// second write: a lost push only leaves a list stale until it is read again.
    /// </summary>
    private void PublishActivity() =>
        _ = CircleFeed.PublishThreadActivity(
            new ThreadActivity(Scopes.Of(Scopes.Circle, S.CircleId), Id, S.ProjectId, S.CommentCount, S.LastCommentAt, S.LastCommentBy, S.LastCommentId));

    /// <summary>
    /// Whom a reply notifies: the parent's author, unless they wrote the reply, are mentioned in it anyway (one
    /// notice is enough), their comment is gone, or they may no longer read the thread.
    /// </summary>
    private async Task<string?> ReplyNoticeFor(CommentView? parent, string actorId, IReadOnlyList<string> mentioned)
    {
        if (parent is null || parent.AuthorId == actorId || parent.DeletedAt is not null || mentioned.Contains(parent.AuthorId)) return null;
        return await Circle.CanRead(parent.AuthorId) ? parent.AuthorId : null;
    }

    /// <summary>A reply notice is an inbox row stored with the comment, exactly as a mention is.</summary>
    private IReadOnlyList<RowChange> ReplyRows(CommentView comment, string? memberId) =>
        memberId is null ? [] : [InboxRows.For(memberId, Notice(comment) with { Reason = MentionNotice.Replied })];

    private void PingReply(CommentView comment, string? memberId)
    {
        if (memberId is not null) _ = GrainFactory.GetGrain<IMemberGrain>(memberId).NotifyMention(Notice(comment) with { Reason = MentionNotice.Replied });
    }
}
