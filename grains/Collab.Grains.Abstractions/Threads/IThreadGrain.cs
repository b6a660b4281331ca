using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Moderation;

namespace Collab.Grains.Abstractions.Threads;

/// <summary>
/// One discussion thread. Its comments live in the event log (one row per event), not in grain state, so a
/// thread of any length costs the same to append to. A command sent again with its command id answers exactly
/// what it answered the first time, to the same member, while they may still read the thread.
/// </summary>
[Alias("collab.thread")]
public interface IThreadGrain : IGrainWithStringKey
{
    [Alias("create")] Task<ThreadView> Create(string actorId, CreateThread command);
    [Alias("get")] Task<ThreadView> Get(string actorId);
    /// <summary>The thread's starter or a moderator gives it a new title.</summary>
    [Alias("rename")] Task<ThreadView> Rename(string actorId, string title);
    [Alias("post")] Task<CommentView> Post(string actorId, PostComment command);
    [Alias("edit")] Task<CommentView> Edit(string actorId, long commentId, string text, string? commandId = null);
    /// <summary>The author or a moderator deletes a comment: its text goes, its replies stay.</summary>
    [Alias("delete-comment")] Task<CommentView> Delete(string actorId, long commentId, string? commandId = null);
    [Alias("react")] Task<CommentView> React(string actorId, long commentId, string emoji, string? commandId = null);
    [Alias("unreact")] Task<CommentView> Unreact(string actorId, long commentId, string emoji, string? commandId = null);
    [Alias("set-locked")] Task<ThreadView> SetLocked(string actorId, bool locked);
    /// <summary>Any member who may read the comment flags it for the circle's moderators.</summary>
    [Alias("flag")] Task<FlagView> Flag(string actorId, long commentId, FlagReason reason, string? note);
    /// <summary>Moderators hide a comment (its author and moderators still read it; the audit keeps it) and restore it.</summary>
    [Alias("hide")] Task<CommentView> Hide(string actorId, long commentId, string? reason);
    [Alias("restore")] Task<CommentView> Restore(string actorId, long commentId);
    /// <summary>Moderators approve a held post: everyone sees it from then on.</summary>
    [Alias("approve")] Task<CommentView> Approve(string actorId, long commentId);
    /// <summary>Comments after <paramref name="after"/>, oldest first.</summary>
    [Alias("comments")] Task<CommentPage> GetComments(string actorId, long after, int limit);
    /// <summary>The newest comments before <paramref name="before"/> (null: the newest of all), returned oldest first.</summary>
    [Alias("comments-before")] Task<CommentPage> GetCommentsBefore(string actorId, long? before, int limit);
    /// <summary>
    /// What a read mark up to comment <paramref name="upTo"/> means now, for a member who may read the thread: the
    /// id clamped to the newest comment and how many comments it covers. The member's grain stores it.
    /// </summary>
    [Alias("read-mark")] Task<ThreadReadMark> ReadMark(string actorId, long upTo);
    [Alias("events")] Task<IReadOnlyList<ScopeEvent>> GetEvents(string actorId, long afterSeq, int limit);
}
