using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;
using Collab.Grains.Validation;

namespace Collab.Grains.Members;

/// <summary>
/// How far the member read each thread: one row per thread in the member's own scope (never a growing blob), each
/// change an event of that scope, so every tab and device of the member learns it live and finds it after a reload.
/// </summary>
public sealed partial class MemberGrain
{
    public async Task<ThreadReadMark> MarkThreadRead(string actorId, string threadId, long upTo)
    {
        EnsureSelf(actorId, "Members can only mark their own reading.");
        Input.Id("threadId", threadId);
        await _journal.EnsureCurrentAsync();
        // The thread decides what the mark covers, and refuses a member who may not read it.
        var mark = await GrainFactory.GetGrain<IThreadGrain>(threadId).ReadMark(actorId, upTo);
        if (await ReadMarkOf(threadId) is { } current && current.UpTo >= mark.UpTo) return current;

        await _journal.AppendAsync(new ThreadRead(mark), Id, rows:
            [RowChange.Upsert(Scope, MemberEvents.ThreadReads, threadId, (mark.At - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, mark)]);
        return mark;
    }

    public async Task<ThreadReadMark?> GetThreadRead(string actorId, string threadId)
    {
        EnsureSelf(actorId, "Members can only see their own reading.");
        Input.Id("threadId", threadId);
        await GrainFactory.GetGrain<IThreadGrain>(threadId).Get(actorId);
        return await ReadMarkOf(threadId);
    }

    public async Task<IReadOnlyList<ThreadUnread>> UnreadIn(string actorId, string circleId)
    {
        EnsureSelf(actorId, "Members can only see their own reading.");
        Input.Id("circleId", circleId);
        var circle = GrainFactory.GetGrain<ICircleGrain>(circleId);
        var pageSize = limits.Value.PageMaxSize;
        var threads = await circle.Threads(actorId, null, pageSize);
        var projects = await circle.Projects(actorId, null, pageSize);
        var projectViews = await Task.WhenAll(projects.Items.Select(p => GrainFactory.GetGrain<IProjectGrain>(p.Id).Get(actorId)));
        var listed = threads.Items.Select(t => (ThreadId: t.Id, ProjectId: (string?)null))
            .Concat(projectViews.Select(p => (ThreadId: p.ThreadId, ProjectId: (string?)p.Id))).ToList();

        var views = await Task.WhenAll(listed.Select(t => GrainFactory.GetGrain<IThreadGrain>(t.ThreadId).Get(actorId)));
        var marks = await Task.WhenAll(listed.Select(t => ReadMarkOf(t.ThreadId)));
        return listed.Select((t, i) => Unread(views[i], t.ProjectId, marks[i], actorId)).ToList();
    }

    /// <summary>
    /// Unread is what the thread counts now minus what it counted up to the mark; a deletion since can make that
    /// smaller than the truth, never below one while a newer comment exists.
    /// </summary>
    private static ThreadUnread Unread(ThreadView thread, string? projectId, ThreadReadMark? mark, string memberId)
    {
        var unread = mark is null ? thread.CommentCount
            : thread.LastCommentId <= mark.UpTo ? 0
            : Math.Max(1, thread.CommentCount - mark.ReadCount);
        return new ThreadUnread(thread.Id, projectId, thread.Title, thread.CommentCount, thread.LastCommentAt, thread.LastCommentBy,
            thread.LastCommentId, unread, mark?.UpTo ?? 0, mark is not null || thread.CreatedBy == memberId);
    }

    private async Task<ThreadReadMark?> ReadMarkOf(string threadId) =>
        (await Events.GetRowAsync(Scope, MemberEvents.ThreadReads, threadId))?.Read<ThreadReadMark>();

    private void EnsureSelf(string actorId, string message)
    {
        EnsureExists();
        if (actorId != Id) throw CollabException.Forbidden(message);
    }
}
