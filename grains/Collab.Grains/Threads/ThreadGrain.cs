using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Threads;

public sealed partial class ThreadGrain(
    [PersistentState("thread", CollabStorage.Name)] IPersistentState<ThreadState> state,
    IEventStore events,
    IOptions<CollabLimitsOptions> limits,
    TimeProvider time,
    ILogger<ThreadGrain> logger) : Grain, IThreadGrain
{
    private ScopeLog _log = null!;

    private ThreadState S => state.State;
    private string Id => this.GetPrimaryKeyString();
    private ICircleGrain Circle => GrainFactory.GetGrain<ICircleGrain>(S.CircleId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new ScopeLog(Scopes.Of(Scopes.Thread, Id), events, GrainFactory, time);
        return _log.LoadAsync(cancellationToken);
    }

    public async Task<ThreadView> Create(string actorId, CreateThread command)
    {
        Input.Id("threadId", Id);
        Input.Id("circleId", command.CircleId);
        var title = Input.RequiredText("title", command.Title, limits.Value.NameMaxLength);
        if (state.RecordExists) throw CollabException.Conflict($"Thread '{Id}' already exists.");
        var circle = GrainFactory.GetGrain<ICircleGrain>(command.CircleId);
        if (await circle.RoleOf(actorId) is null) throw CollabException.Forbidden("Join the circle to start threads in it.");

        S.CircleId = command.CircleId;
        S.ProjectId = command.ProjectId;
        S.Title = title;
        S.CreatedAt = time.UtcNowMicros();
        S.CreatedBy = actorId;
        await state.WriteStateAsync();
        // A project's thread is listed by its project, not among the circle's own threads.
        if (command.ProjectId is null) await circle.AttachThread(actorId, Id, title);
        return View();
    }

    public async Task<ThreadView> Get(string actorId)
    {
        await EnsureCanRead(actorId);
        return View();
    }

    public async Task<CommentView> Post(string actorId, PostComment command)
    {
        EnsureExists();
        if (await _log.FindCommandAsync(command.CommandId, actorId) is { } earlier) return await RequireComment(earlier.Seq);

        var text = Input.CommentText(command.Text, limits.Value.CommentMaxLength);
        await EnsureCanWrite(actorId);
        if (command.ParentId is { } parentId) await RequireComment(parentId, "parentId");

        var mentions = await ResolveMentions(text, actorId);
        var comment = new CommentView(Id, _log.LastSeq + 1, command.ParentId, actorId, text, time.UtcNowMicros(), null,
            new Dictionary<string, IReadOnlyList<string>>(), mentions);
        await Append(ThreadEventKinds.CommentPosted, actorId, command.CommandId, comment);
        await NotifyMentions(comment, mentions);
        return comment;
    }

    public async Task<CommentView> Edit(string actorId, long commentId, string text, string? commandId = null)
    {
        EnsureExists();
        if (await _log.FindCommandAsync(commandId, actorId) is not null) return await RequireComment(commentId);
        text = Input.CommentText(text, limits.Value.CommentMaxLength);
        var comment = await RequireComment(commentId);
        if (comment.AuthorId != actorId) throw CollabException.Forbidden("Only the author can edit a comment.");
        await EnsureCanWrite(actorId);
        if (comment.Text == text) return comment;

        var mentions = await ResolveMentions(text, actorId);
        var edited = comment with { Text = text, EditedAt = time.UtcNowMicros(), MentionIds = mentions };
        await Append(ThreadEventKinds.CommentEdited, actorId, commandId, edited);
        await NotifyMentions(edited, mentions.Except(comment.MentionIds).ToList());
        return edited;
    }

    public Task<CommentView> React(string actorId, long commentId, string emoji, string? commandId = null) =>
        ChangeReaction(actorId, commentId, emoji, commandId, add: true);

    public Task<CommentView> Unreact(string actorId, long commentId, string emoji, string? commandId = null) =>
        ChangeReaction(actorId, commentId, emoji, commandId, add: false);

    public async Task<ThreadView> SetLocked(string actorId, bool locked)
    {
        EnsureExists();
        if (await Circle.RoleOf(actorId) is not >= CircleRole.Moderator)
            throw CollabException.Forbidden("Only moderators and owners can lock or unlock a thread.");
        if (S.Locked == locked) return View();

        S.Locked = locked;
        await state.WriteStateAsync();
        await _log.AppendAsync(locked ? ThreadEventKinds.ThreadLocked : ThreadEventKinds.ThreadUnlocked, actorId, null,
            CollabJson.Serialize(new { locked }));
        return View();
    }

    public async Task<CommentPage> GetComments(string actorId, long after, int limit)
    {
        CheckPage(after, "after", limit);
        await EnsureCanRead(actorId);
        var rows = await events.ReadCommentsAsync(Id, after, limit);
        var items = rows.Select(CommentRecord.ToView).ToList();
        return new CommentPage(items, items.Count == limit ? items[^1].Id : null);
    }

    public async Task<IReadOnlyList<ScopeEvent>> GetEvents(string actorId, long afterSeq, int limit)
    {
        CheckPage(afterSeq, "afterSeq", limit);
        await EnsureCanRead(actorId);
        var rows = await events.ReadEventsAsync(_log.Scope, afterSeq, limit);
        return rows.Select(e => new ScopeEvent(e.Scope, e.Seq, e.Kind, e.Payload, e.ActorId, e.At)).ToList();
    }

    private async Task<CommentView> ChangeReaction(string actorId, long commentId, string emoji, string? commandId, bool add)
    {
        EnsureExists();
        if (await _log.FindCommandAsync(commandId, actorId) is not null) return await RequireComment(commentId);
        if (!Reactions.IsAllowed(emoji)) throw CollabException.Invalid("emoji", $"'emoji' must be one of {string.Join(" ", Reactions.Allowed)}.");
        var comment = await RequireComment(commentId);
        await EnsureCanWrite(actorId);

        var reactions = comment.Reactions.ToDictionary(r => r.Key, r => r.Value.ToList());
        var who = reactions.TryGetValue(emoji, out var list) ? list : reactions[emoji] = [];
        if (add == who.Contains(actorId)) return comment;
        if (add) who.Add(actorId);
        else if (who.Remove(actorId) && who.Count == 0) reactions.Remove(emoji);

        var changed = comment with { Reactions = reactions.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value) };
        await Append(add ? ThreadEventKinds.ReactionAdded : ThreadEventKinds.ReactionRemoved, actorId, commandId, changed);
        return changed;
    }

    /// <summary>Appends a comment event and the comment's new row together: one event row, one comment row.</summary>
    private Task Append(string kind, string actorId, string? commandId, CommentView comment) =>
        _log.AppendAsync(kind, actorId, commandId, CollabJson.Serialize(comment), CommentRecord.ToStored(comment, _log.LastSeq + 1));

    private async Task<IReadOnlyList<string>> ResolveMentions(string text, string authorId)
    {
        var handles = MentionParser.Handles(text, limits.Value.MaxMentionsPerComment);
        var owners = await Task.WhenAll(handles.Select(h => GrainFactory.GetGrain<IHandleGrain>(h).Owner()));
        return owners.OfType<string>().Where(id => id != authorId).Distinct().ToList();
    }

    /// <summary>
    /// The comment is stored before anyone is told; a failed inbox delivery is logged, not returned to the
    /// author, whose comment did succeed (a retry would only find it already posted).
    /// </summary>
    private async Task NotifyMentions(CommentView comment, IReadOnlyList<string> memberIds)
    {
        var excerpt = comment.Text.Length <= 140 ? comment.Text : comment.Text[..140] + "…";
        var notice = new Abstractions.Members.MentionNotice(Id, comment.Id, comment.AuthorId, excerpt, comment.EditedAt ?? comment.CreatedAt);
        foreach (var memberId in memberIds)
        {
            try
            {
                await GrainFactory.GetGrain<IMemberGrain>(memberId).NotifyMention(notice);
            }
            catch (Exception ex)
            {
                LogMentionFailed(Id, comment.Id, memberId, ex);
            }
        }
    }

    private async Task EnsureCanRead(string actorId)
    {
        EnsureExists();
        await Circle.EnsureCanRead(actorId);
    }

    private async Task EnsureCanWrite(string actorId)
    {
        var role = await Circle.RoleOf(actorId) ?? throw CollabException.Forbidden("Join the circle to take part in its threads.");
        if (S.Locked && role < CircleRole.Moderator) throw CollabException.Forbidden("This thread is locked.");
    }

    private async Task<CommentView> RequireComment(long commentId, string field = "commentId") =>
        await events.GetCommentAsync(Id, commentId) is { } row
            ? CommentRecord.ToView(row)
            : field == "commentId"
                ? throw CollabException.NotFound($"Comment {commentId} not found in thread '{Id}'.")
                : throw CollabException.Invalid(field, $"'{field}' {commentId} is not a comment of this thread.");

    private void CheckPage(long after, string field, int limit)
    {
        if (after < 0) throw CollabException.Invalid(field, $"'{field}' must not be negative.");
        if (limit < 1 || limit > limits.Value.PageMaxSize) throw CollabException.Invalid("limit", $"'limit' must be between 1 and {limits.Value.PageMaxSize}.");
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw CollabException.NotFound($"Thread '{Id}' not found.");
    }

    private ThreadView View() => new(Id, S.CircleId, S.ProjectId, S.Title, S.Locked, _log.LastSeq, S.CreatedAt, S.CreatedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mention of comment {CommentId} in thread {ThreadId} could not reach member {MemberId}")]
    private partial void LogMentionFailed(string threadId, long commentId, string memberId, Exception exception);
}
