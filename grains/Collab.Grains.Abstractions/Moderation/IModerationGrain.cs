using Collab.Grains.Abstractions.Paging;

namespace Collab.Grains.Abstractions.Moderation;

/// <summary>
/// A circle's review queue and audit log (key: the circle id). Only the circle's moderators and owners read them
/// or resolve flags; members flag through the grain that owns what they flag (a thread, a document), which has
/// checked that they may read it.
/// </summary>
[Alias("collab.moderation")]
public interface IModerationGrain : IGrainWithStringKey
{
    /// <summary>Adds a member's report to the flag of a comment (opening it, or merging into the open one).</summary>
    [Alias("flag-comment")] Task<FlagView> FlagComment(string reporterId, string threadId, long commentId, string excerpt, FlagReason reason, string? note);
    [Alias("queue")] Task<Page<FlagView>> Queue(string actorId, bool resolved, string? after, int limit);
    /// <summary>Closes a flag with what was done (for example "hidden", "dismissed").</summary>
    [Alias("resolve")] Task<FlagView> Resolve(string actorId, string flagId, string resolution);
    /// <summary>New members' posts waiting for approval, oldest first, with their words.</summary>
    [Alias("held")] Task<Page<Threads.CommentView>> Held(string actorId, string? after, int limit);
    /// <summary>The circle's moderation actions, newest first.</summary>
    [Alias("audit")] Task<Page<AuditEntry>> Audit(string actorId, string? after, int limit);
}
