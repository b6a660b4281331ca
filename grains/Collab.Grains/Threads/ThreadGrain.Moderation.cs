using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Moderation;
using Collab.Grains.Storage;

namespace Collab.Grains.Threads;

/// <summary>The thread's part of moderation: flags, hiding and restoring, approving held posts, posting limits.</summary>
public sealed partial class ThreadGrain
{
    public async Task<FlagView> Flag(string actorId, long commentId, FlagReason reason, string? note)
    {
        var moderator = await EnsureCanReadAs(actorId);
        var comment = await RequireComment(commentId);
        if (CommentRecord.ForReader(comment, actorId, moderator) is null) throw CollabException.NotFound($"Comment {commentId} not found in thread '{Id}'.");
        if (comment.DeletedAt is not null) throw CollabException.Conflict("This comment was deleted.");
        var excerpt = comment.Text.Length <= ExcerptLength ? comment.Text : comment.Text[..ExcerptLength] + "…";
        return await GrainFactory.GetGrain<IModerationGrain>(S.CircleId).FlagComment(actorId, Id, commentId, excerpt, reason, note);
    }

    public async Task<CommentView> Hide(string actorId, long commentId, string? reason)
    {
        await EnsureModerator(actorId, "Only moderators and owners can hide comments.");
        var why = Validation.Input.OptionalText("reason", reason, limits.Value.DescriptionMaxLength);
        var comment = await RequireComment(commentId);
        if (comment.DeletedAt is not null) throw CollabException.Conflict("This comment was deleted.");
        if (comment.HiddenAt is not null) return comment;
        var hidden = comment with { HiddenAt = time.UtcNowMicros(), HiddenBy = actorId };
        await Append(ThreadEventKinds.CommentHidden, actorId, null, hidden, [Audit(actorId, "comment.hidden", comment, why)]);
        return hidden;
    }

    public async Task<CommentView> Restore(string actorId, long commentId)
    {
        await EnsureModerator(actorId, "Only moderators and owners can restore comments.");
        var comment = await RequireComment(commentId);
        if (comment.HiddenAt is null) return comment;
        var restored = comment with { HiddenAt = null, HiddenBy = null };
        await Append(ThreadEventKinds.CommentRestored, actorId, null, restored, [Audit(actorId, "comment.restored", comment, null)]);
        return restored;
    }

    public async Task<CommentView> Approve(string actorId, long commentId)
    {
        await EnsureModerator(actorId, "Only moderators and owners can approve held posts.");
        var comment = await RequireComment(commentId);
        if (!comment.Held || comment.DeletedAt is not null) return comment;
        var approved = comment with { Held = false };
        // Approved, the post reaches everyone and mentions whom it names, as if posted now.
        await Append(ThreadEventKinds.CommentApproved, actorId, null, approved,
            [.. MentionRows(approved, approved.MentionIds), Audit(actorId, "comment.approved", comment, null), AuditRows.Released(S.CircleId, comment)]);
        Ping(approved, approved.MentionIds);
        PublishActivity();
        await Circle.RecordApprovedPost(actorId, comment.AuthorId, Id, commentId);
        Report(ActivityKind.PostReleased, time.UtcNowMicros());
        Report(ActivityKind.CommentPosted, time.UtcNowMicros());
        return approved;
    }

    /// <summary>One post from the member's budget in this circle, or a clear error that says when to retry.</summary>
    private async Task TakeFromBudget(string actorId, PostingRights rights)
    {
        if (rights.Role >= CircleRole.Moderator) return;
        var budget = GrainFactory.GetGrain<IPostingBudgetGrain>($"{S.CircleId}/{actorId}");
        if (await budget.Take(rights.PostLimit, rights.PostWindow) is not { } retryAt) return;
        var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - time.GetUtcNow()).TotalSeconds));
        throw CollabException.LimitExceeded(
            $"This circle allows {rights.PostLimit} comments per {rights.PostWindow.TotalSeconds:0} s; try again in {seconds} s (at {retryAt.UtcDateTime:HH:mm:ss} UTC).");
    }

    /// <summary>
    /// The log as a member who does not moderate may read it: the events of comments now held or hidden (by
    /// someone else) carry no words, whenever they were written.
    /// </summary>
    private async Task<IReadOnlyList<ScopeEvent>> WithoutWithheldWords(IReadOnlyList<ScopeEvent> events, string readerId)
    {
        var commentIds = events.Where(e => e.Kind.StartsWith("comment.", StringComparison.Ordinal))
            .Select(e => CollabJson.Deserialize<CommentView>(e.Payload).Id).Distinct().ToList();
        var withheld = new HashSet<long>();
        foreach (var id in commentIds)
            if (await Events.GetCommentAsync(Id, id) is { } row && CommentRecord.ToView(row) is var c && c.AuthorId != readerId && (c.Held || c.HiddenAt is not null))
                withheld.Add(id);
        if (withheld.Count == 0) return events;
        return events.Select(e =>
        {
            if (!e.Kind.StartsWith("comment.", StringComparison.Ordinal)) return e;
            var comment = CollabJson.Deserialize<CommentView>(e.Payload);
            return withheld.Contains(comment.Id) ? e with { Payload = CollabJson.Serialize(CommentRecord.Redacted(comment)) } : e;
        }).ToList();
    }

    private async Task EnsureModerator(string actorId, string message)
    {
        await EnsureExists();
        if (await Circle.RoleOf(actorId) is not >= CircleRole.Moderator) throw CollabException.Forbidden(message);
    }

    private RowChange Audit(string actorId, string action, CommentView comment, string? reason) =>
        AuditRows.For(S.CircleId, new AuditEntry(time.UtcNowMicros(), actorId, action, $"comment:{Id}/{comment.Id}", string.IsNullOrEmpty(reason) ? null : reason),
            _journal.Scope, _journal.Version + 1);

    private void Report(ActivityKind kind, DateTimeOffset at) =>
        _ = Activity.Report(new ActivityReport(S.CircleId, kind, 1, at));
}
