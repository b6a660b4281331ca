using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Circles;
using Collab.Grains.Journal;
using Collab.Grains.Members;
using Collab.Grains.Moderation;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Threads;

public sealed partial class ThreadGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits, TimeProvider time) : Grain, IThreadGrain
{
    private const int ExcerptLength = 140;

    private ScopeJournal<ThreadState> _journal = null!;

    private ThreadState S => _journal.State;
    private string Id => this.GetPrimaryKeyString();
    private IEventStore Events => journals.Events;
    // Kept for the activation (a thread never moves circle): Orleans builds every grain reference by reflection,
    // which costs more than a comment's one-way calls, so the references on a post's path are made once.
    private ICircleGrain Circle => field ??= GrainFactory.GetGrain<ICircleGrain>(S.CircleId);
    private IActivityGrain Activity => field ??= GrainFactory.GetGrain<IActivityGrain>(S.CircleId);
    private IScopeFeedGrain CircleFeed => field ??= GrainFactory.GetGrain<IScopeFeedGrain>(Scopes.Of(Scopes.Circle, S.CircleId));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create<ThreadState>(Scopes.Of(Scopes.Thread, Id), ThreadEvents.Catalog, GrainFactory);
        return _journal.LoadAsync(cancellationToken);
    }

    public async Task<ThreadView> Create(string actorId, CreateThread command)
    {
        Input.Id("threadId", Id);
        Input.Id("circleId", command.CircleId);
        var title = Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        await _journal.EnsureCurrentAsync();
        // A project finishing its creation asks again for the thread it already made (ProjectGrain.EnsureLinked).
        if (S.Exists && command.ProjectId is not null && S.ProjectId == command.ProjectId && S.CreatedBy == actorId) return View();
        if (S.Exists) throw CollabException.Conflict($"Thread '{Id}' already exists.");
        var circle = GrainFactory.GetGrain<ICircleGrain>(command.CircleId);
        if (await circle.RoleOf(actorId) is null) throw CollabException.Forbidden("Join the circle to start threads in it.");

        await _journal.AppendAsync(new ThreadCreated(command.CircleId, command.ProjectId, title, time.UtcNowMicros(), actorId), actorId);
        // A project's thread is listed by its project, not among the circle's own threads. Attaching is idempotent:
        // a failure here is repaired by creating the thread again.
        if (command.ProjectId is null) await circle.AttachThread(actorId, Id, title);
        return View();
    }

    public async Task<ThreadView> Get(string actorId)
    {
        await EnsureCanRead(actorId);
        return View();
    }

    public async Task<ThreadView> Rename(string actorId, string title)
    {
        await EnsureExists();
        title = Input.RequiredText("title", title, limits.Value.NameMaxLength);
        var role = await Circle.RoleOf(actorId);
        if (role is null || (actorId != S.CreatedBy && role < CircleRole.Moderator))
            throw CollabException.Forbidden("Only the thread's starter and the circle's moderators can rename it.");
        if (title == S.Title) return View();

        // The circle lists its own threads by title; that row moves with the rename, in the same transaction.
        var listed = S.ProjectId is null ? await Events.GetRowAsync(Scopes.Of(Scopes.Circle, S.CircleId), CircleRows.Threads, Id) : null;
        IReadOnlyList<RowChange> rows = listed is null ? [] : [RowChange.Upsert(listed.Scope, listed.Collection, Id, listed.Position, new CircleChild(Id, title))];
        await _journal.AppendAsync(new ThreadRenamed(title), actorId, rows: rows);
        return View();
    }

    public async Task<CommentView> Post(string actorId, PostComment command)
    {
        await EnsureExists();
        var commandId = Input.CommandId(command.CommandId);
        if (await Earlier(commandId, actorId, null, ThreadEventKinds.CommentPosted, ThreadEventKinds.CommentHeld) is { } earlier) return earlier;

        var text = Input.CommentText(command.Text, limits.Value.CommentMaxLength);
        var rights = await EnsureCanWrite(actorId);
        var parent = command.ParentId is { } parentId ? await RequireComment(parentId, "parentId") : null;
        await TakeFromBudget(actorId, rights);

        var mentions = await ResolveMentions(text, actorId);
        var comment = new CommentView(Id, _journal.Version + 1, command.ParentId, actorId, text, time.UtcNowMicros(), null,
            new Dictionary<string, IReadOnlyList<string>>(), mentions, Held: rights.Hold);
        if (rights.Hold)
        {
            // Held until a moderator approves it: everyone else is told nothing of its words, and nobody is mentioned yet.
            await Append(ThreadEventKinds.CommentHeld, actorId, commandId, comment, [AuditRows.Held(S.CircleId, comment)]);
            Report(ActivityKind.PostHeld, comment.CreatedAt);
            return comment;
        }
        var repliedTo = await ReplyNoticeFor(parent, actorId, mentions);
        await Append(ThreadEventKinds.CommentPosted, actorId, commandId, comment, [.. MentionRows(comment, mentions), .. ReplyRows(comment, repliedTo)]);
        Ping(comment, mentions);
        PingReply(comment, repliedTo);
        PublishActivity();
        Report(ActivityKind.CommentPosted, comment.CreatedAt);
        return comment;
    }

    public async Task<CommentView> Edit(string actorId, long commentId, string text, string? commandId = null)
    {
        await EnsureExists();
        commandId = Input.CommandId(commandId);
        if (await Earlier(commandId, actorId, commentId, ThreadEventKinds.CommentEdited) is { } earlier) return earlier;
        text = Input.CommentText(text, limits.Value.CommentMaxLength);
        var comment = await RequireComment(commentId);
        if (comment.AuthorId != actorId) throw CollabException.Forbidden("Only the author can edit a comment.");
        if (comment.DeletedAt is not null) throw CollabException.Conflict("This comment was deleted.");
        await EnsureCanWrite(actorId);
        if (comment.Text == text) return comment;

        var mentions = await ResolveMentions(text, actorId);
        var edited = comment with { Text = text, EditedAt = time.UtcNowMicros(), MentionIds = mentions };
        // A held post mentions nobody until it is approved.
        var newlyMentioned = comment.Held ? [] : mentions.Except(comment.MentionIds).ToList();
        await Append(ThreadEventKinds.CommentEdited, actorId, commandId, edited, MentionRows(edited, newlyMentioned));
        Ping(edited, newlyMentioned);
        return edited;
    }

    public async Task<CommentView> Delete(string actorId, long commentId, string? commandId = null)
    {
        await EnsureExists();
        commandId = Input.CommandId(commandId);
        if (await Earlier(commandId, actorId, commentId, ThreadEventKinds.CommentDeleted) is { } earlier) return earlier;
        var comment = await RequireComment(commentId);
        var role = await Circle.RoleOf(actorId);
        if (role is null || (comment.AuthorId != actorId && role < CircleRole.Moderator))
            throw CollabException.Forbidden("Only the author and the circle's moderators can delete a comment.");
        if (comment.DeletedAt is not null) return comment;

        var deleted = comment with { Text = "", MentionIds = [], Reactions = new Dictionary<string, IReadOnlyList<string>>(), DeletedAt = time.UtcNowMicros(), DeletedBy = actorId };
        // A moderator deleting someone else's comment is a moderation action: the audit keeps who, when and what.
        IReadOnlyList<RowChange> audit = comment.AuthorId == actorId ? [] : [Audit(actorId, "comment.deleted", comment, comment.Text)];
        if (comment.Held) audit = [.. audit, AuditRows.Released(S.CircleId, comment)];
        await Append(ThreadEventKinds.CommentDeleted, actorId, commandId, deleted, audit);
        PublishActivity();
        return deleted;
    }

    public Task<CommentView> React(string actorId, long commentId, string emoji, string? commandId = null) =>
        ChangeReaction(actorId, commentId, emoji, commandId, add: true);

    public Task<CommentView> Unreact(string actorId, long commentId, string emoji, string? commandId = null) =>
        ChangeReaction(actorId, commentId, emoji, commandId, add: false);

    public async Task<ThreadView> SetLocked(string actorId, bool locked)
    {
        await EnsureExists();
        if (await Circle.RoleOf(actorId) is not >= CircleRole.Moderator)
            throw CollabException.Forbidden("Only moderators and owners can lock or unlock a thread.");
        if (S.Locked == locked) return View();

        await _journal.AppendAsync(locked ? ThreadEventKinds.ThreadLocked : ThreadEventKinds.ThreadUnlocked, new ThreadLockChanged(locked), actorId,
            rows: [AuditRows.For(S.CircleId, new AuditEntry(time.UtcNowMicros(), actorId, locked ? "thread.locked" : "thread.unlocked", _journal.Scope, null), _journal.Scope, _journal.Version + 1)]);
        return View();
    }

    public async Task<CommentPage> GetComments(string actorId, long after, int limit)
    {
        CheckPage(after, "after", limit);
        var moderator = await EnsureCanReadAs(actorId);
        var rows = await Events.ReadCommentsAsync(Id, after, limit);
        var all = rows.Select(CommentRecord.ToView).ToList();
        var items = all.Select(c => CommentRecord.ForReader(c, actorId, moderator)).OfType<CommentView>().ToList();
        return new CommentPage(items, all.Count == limit ? all[^1].Id : null, all.Count > 0 && all[0].Id > 1 ? all[0].Id : null);
    }

    public async Task<CommentPage> GetCommentsBefore(string actorId, long? before, int limit)
    {
        CheckPage(before ?? 0, "before", limit);
        var moderator = await EnsureCanReadAs(actorId);
        var rows = await Events.ReadCommentsBeforeAsync(Id, before ?? long.MaxValue, limit);
        var all = rows.Select(CommentRecord.ToView).Reverse().ToList();
        var items = all.Select(c => CommentRecord.ForReader(c, actorId, moderator)).OfType<CommentView>().ToList();
        return new CommentPage(items, before is null || all.Count == 0 ? null : all[^1].Id, rows.Count == limit ? all[0].Id : null);
    }

    public async Task<IReadOnlyList<ScopeEvent>> GetEvents(string actorId, long afterSeq, int limit)
    {
        CheckPage(afterSeq, "afterSeq", limit);
        var moderator = await EnsureCanReadAs(actorId);
        var events = await _journal.ReadEventsAsync(afterSeq, limit);
        return moderator ? events : await WithoutWithheldWords(events, actorId);
    }

    private async Task<CommentView> ChangeReaction(string actorId, long commentId, string emoji, string? commandId, bool add)
    {
        await EnsureExists();
        commandId = Input.CommandId(commandId);
        var kind = add ? ThreadEventKinds.ReactionAdded : ThreadEventKinds.ReactionRemoved;
        if (await Earlier(commandId, actorId, commentId, kind) is { } earlier) return earlier;
        if (!Reactions.IsAllowed(emoji)) throw CollabException.Invalid("emoji", $"'emoji' must be one of {string.Join(" ", Reactions.Allowed)}.");
        var comment = await RequireComment(commentId);
        await EnsureCanWrite(actorId);
        if (comment.DeletedAt is not null) throw CollabException.Conflict("This comment was deleted.");

        var reactions = comment.Reactions.ToDictionary(r => r.Key, r => r.Value.ToList());
        var who = reactions.TryGetValue(emoji, out var list) ? list : reactions[emoji] = [];
        if (add == who.Contains(actorId)) return comment;
        if (add) who.Add(actorId);
        else if (who.Remove(actorId) && who.Count == 0) reactions.Remove(emoji);

        var changed = comment with { Reactions = reactions.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value) };
        await Append(kind, actorId, commandId, changed, []);
        return changed;
    }

    /// <summary>
    /// What an earlier command with this id answered: the comment as that command left it (its event's payload),
    /// for the member who sent it, if it was the same kind of command on the same comment, and only while they
    /// may still read the thread. The id is looked up before the command's own checks, so a retry after a
    /// reconnect answers even if, say, the thread was locked in between.
    /// </summary>
    private async Task<CommentView?> Earlier(string? commandId, string actorId, long? commentId, params string[] kinds)
    {
        if (await _journal.FindCommandAsync(commandId, actorId, kinds) is not { } earlier) return null;
        // A held post's event was pushed without its words; its author's answer has them, so it is read from its row.
        var answer = earlier.Kind == ThreadEventKinds.CommentHeld ? await RequireComment(earlier.Seq) : CollabJson.Deserialize<CommentView>(earlier.Payload);
        if (commentId is { } named && answer.Id != named)
            throw CollabException.Conflict("This command id was already used for another comment.");
        await Circle.EnsureCanRead(actorId);
        return answer;
    }

    /// <summary>
    /// Appends a comment event and the comment's new row together: one event row, one comment row, and the rows the
    /// event brings (mentions' inbox rows, an audit entry). A held or hidden comment's event carries no words: it is
    /// pushed to everyone in the thread, and only its author and the moderators may read them.
    /// </summary>
    private Task Append(string kind, string actorId, string? commandId, CommentView comment, IReadOnlyList<RowChange> rows) =>
        _journal.AppendAsync(kind, comment.Held || comment.HiddenAt is not null ? CommentRecord.Redacted(comment) : comment,
            actorId, commandId, rows, CommentRecord.ToStored(comment, _journal.Version + 1));

    /// <summary>Only members who may read the thread are mentioned: an invite-only circle's words never reach outsiders' inboxes.</summary>
    private async Task<IReadOnlyList<string>> ResolveMentions(string text, string authorId)
    {
        var handles = MentionParser.Handles(text, limits.Value.MaxMentionsPerComment);
        if (handles.Count == 0) return [];
        var owners = (await Task.WhenAll(handles.Select(h => GrainFactory.GetGrain<IHandleGrain>(h).Owner())))
            .OfType<string>().Where(id => id != authorId).Distinct().ToList();
        var readers = await Task.WhenAll(owners.Select(Circle.CanRead));
        return owners.Where((_, i) => readers[i]).ToList();
    }

    private IReadOnlyList<RowChange> MentionRows(CommentView comment, IReadOnlyList<string> memberIds)
    {
        var notice = Notice(comment);
        return memberIds.Select(m => InboxRows.For(m, notice)).ToList();
    }

    /// <summary>The inbox rows are stored with the comment; this only tells the members' open tabs, one-way.</summary>
    private void Ping(CommentView comment, IReadOnlyList<string> memberIds)
    {
        var notice = Notice(comment);
        foreach (var memberId in memberIds) _ = GrainFactory.GetGrain<IMemberGrain>(memberId).NotifyMention(notice);
    }

    private MentionNotice Notice(CommentView comment)
    {
        var excerpt = comment.Text.Length <= ExcerptLength ? comment.Text : comment.Text[..ExcerptLength] + "…";
        return new MentionNotice(Id, comment.Id, comment.AuthorId, excerpt, comment.EditedAt ?? comment.CreatedAt);
    }

    private async Task EnsureCanRead(string actorId)
    {
        await EnsureExists();
        await Circle.EnsureCanRead(actorId);
    }

    private async Task<PostingRights> EnsureCanWrite(string actorId)
    {
        var rights = await Circle.PostingRightsOf(actorId);
        var role = rights.Role ?? throw CollabException.Forbidden("Join the circle to take part in its threads.");
        if (S.Locked && role < CircleRole.Moderator) throw CollabException.Forbidden("This thread is locked.");
        if (rights.MutedUntil is { } until)
            throw CollabException.Forbidden($"A moderator muted you in this circle until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        return rights;
    }

    /// <summary>Checks the reader may read the thread; answers whether they moderate it.</summary>
    private async Task<bool> EnsureCanReadAs(string actorId)
    {
        await EnsureCanRead(actorId);
        return await Circle.RoleOf(actorId) is >= CircleRole.Moderator;
    }

    private async Task<CommentView> RequireComment(long commentId, string field = "commentId") =>
        await Events.GetCommentAsync(Id, commentId) is { } row
            ? CommentRecord.ToView(row)
            : field == "commentId"
                ? throw CollabException.NotFound($"Comment {commentId} not found in thread '{Id}'.")
                : throw CollabException.Invalid(field, $"'{field}' {commentId} is not a comment of this thread.");

    private void CheckPage(long cursor, string field, int limit)
    {
        if (cursor < 0) throw CollabException.Invalid(field, $"'{field}' must not be negative.");
        if (limit < 1 || limit > limits.Value.PageMaxSize) throw CollabException.Invalid("limit", $"'limit' must be between 1 and {limits.Value.PageMaxSize}.");
    }

    private async Task EnsureExists()
    {
        await _journal.EnsureCurrentAsync();
        if (!S.Exists) throw CollabException.NotFound($"Thread '{Id}' not found.");
    }

    private ThreadView View() => new(Id, S.CircleId, S.ProjectId, S.Title, S.Locked, _journal.Version, S.CreatedAt, S.CreatedBy,
        S.CommentCount, S.LastCommentAt, S.LastCommentBy, S.LastCommentId);
}
