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
    public const string ReactionAdded = "comment.reacted";
    public const string ReactionRemoved = "comment.unreacted";
    public const string ThreadLocked = "thread.locked";
    public const string ThreadUnlocked = "thread.unlocked";
}
