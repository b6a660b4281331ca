using Collab.Grains.Abstractions.Live;

namespace Collab.Grains.Abstractions.Threads;

/// <summary>
/// One discussion thread. Its comments live in the event log (one row per event), not in grain state, so a
/// thread of any length costs the same to append to.
/// </summary>
[Alias("collab.thread")]
public interface IThreadGrain : IGrainWithStringKey
{
    [Alias("create")] Task<ThreadView> Create(string actorId, CreateThread command);
    [Alias("get")] Task<ThreadView> Get(string actorId);
    [Alias("post")] Task<CommentView> Post(string actorId, PostComment command);
    [Alias("edit")] Task<CommentView> Edit(string actorId, long commentId, string text, string? commandId = null);
    [Alias("react")] Task<CommentView> React(string actorId, long commentId, string emoji, string? commandId = null);
    [Alias("unreact")] Task<CommentView> Unreact(string actorId, long commentId, string emoji, string? commandId = null);
    [Alias("set-locked")] Task<ThreadView> SetLocked(string actorId, bool locked);
    [Alias("comments")] Task<CommentPage> GetComments(string actorId, long after, int limit);
    [Alias("events")] Task<IReadOnlyList<ScopeEvent>> GetEvents(string actorId, long afterSeq, int limit);
}
