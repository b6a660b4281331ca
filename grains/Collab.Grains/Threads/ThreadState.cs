using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Journal;

namespace Collab.Grains.Threads;

/// <summary>What a thread is, not what was said in it: comments are rows beside the log, so this stays small.</summary>
public sealed class ThreadState : IJournalState
{
    public bool Exists { get; set; }
    public string CircleId { get; set; } = "";
    public string? ProjectId { get; set; }
    public string Title { get; set; } = "";
    public bool Locked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int CommentCount { get; set; }
    public DateTimeOffset? LastCommentAt { get; set; }
    public string? LastCommentBy { get; set; }
    public long LastCommentId { get; set; }

    public void Apply(string kind, object evt)
    {
        switch (evt)
        {
            case ThreadCreated e: Apply(e); break;
            case ThreadRenamed e: Title = e.Title; break;
            case ThreadLockChanged e: Locked = e.Locked; break;
            case CommentView e when kind is ThreadEventKinds.CommentPosted or ThreadEventKinds.CommentApproved: ApplyPosted(e); break;
            case CommentView when kind == ThreadEventKinds.CommentDeleted: CommentCount--; break;
            case CommentView: break; // edits and reactions change the comment's row only
            default: throw new InvalidOperationException($"A thread cannot apply {evt.GetType().Name}.");
        }
    }

    public void Apply(ThreadCreated e)
    {
        Exists = true;
        (CircleId, ProjectId, Title, CreatedAt, CreatedBy) = (e.CircleId, e.ProjectId, e.Title, e.At, e.CreatedBy);
    }

    public void ApplyPosted(CommentView comment)
    {
        CommentCount++;
        // An approved post keeps the id it was held under, so it may be older than the newest comment.
        if (comment.Id < LastCommentId) return;
        (LastCommentAt, LastCommentBy, LastCommentId) = (comment.CreatedAt, comment.AuthorId, comment.Id);
    }
}
