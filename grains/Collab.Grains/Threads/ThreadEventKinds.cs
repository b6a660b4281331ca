namespace Collab.Grains.Threads;

/// <summary>The kinds of event in a thread's log; clients switch on these strings.</summary>
public static class ThreadEventKinds
{
    public const string Created = "thread.created";
    public const string Renamed = "thread.renamed";
    /// <summary>The comment events carry the comment as it is after the event.</summary>
    public const string CommentPosted = "comment.posted";
    public const string CommentEdited = "comment.edited";
    public const string CommentDeleted = "comment.deleted";
    /// <summary>A new member's post held for review: pushed without its words; its author has them from the answer.</summary>
    public const string CommentHeld = "comment.held";
    public const string CommentApproved = "comment.approved";
    /// <summary>Pushed without the words; the author and moderators read them through the API.</summary>
    public const string CommentHidden = "comment.hidden";
    public const string CommentRestored = "comment.restored";
    public const string ReactionAdded = "comment.reacted";
    public const string ReactionRemoved = "comment.unreacted";
    public const string ThreadLocked = "thread.locked";
    public const string ThreadUnlocked = "thread.unlocked";
}
