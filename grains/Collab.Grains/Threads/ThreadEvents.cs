using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Journal;

namespace Collab.Grains.Threads;

public sealed record ThreadCreated(string CircleId, string? ProjectId, string Title, DateTimeOffset At, string CreatedBy);

public sealed record ThreadRenamed(string Title);

/// <summary>Payload of both lock kinds: <c>{ locked }</c>.</summary>
public sealed record ThreadLockChanged(bool Locked);

public static class ThreadEvents
{
    public static readonly EventCatalog Catalog = new(
        (ThreadEventKinds.Created, typeof(ThreadCreated)),
        (ThreadEventKinds.Renamed, typeof(ThreadRenamed)),
        (ThreadEventKinds.ThreadLocked, typeof(ThreadLockChanged)),
        (ThreadEventKinds.ThreadUnlocked, typeof(ThreadLockChanged)),
        (ThreadEventKinds.CommentPosted, typeof(CommentView)),
        (ThreadEventKinds.CommentEdited, typeof(CommentView)),
        (ThreadEventKinds.CommentDeleted, typeof(CommentView)),
        (ThreadEventKinds.CommentHeld, typeof(CommentView)),
        (ThreadEventKinds.CommentApproved, typeof(CommentView)),
        (ThreadEventKinds.CommentHidden, typeof(CommentView)),
        (ThreadEventKinds.CommentRestored, typeof(CommentView)),
        (ThreadEventKinds.ReactionAdded, typeof(CommentView)),
        (ThreadEventKinds.ReactionRemoved, typeof(CommentView)));
}
