using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Journal;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Moderation;

/// <summary>
/// A circle's review queue and audit log. The single writer of its comment flags, so reports of one comment merge
/// into one flag however many arrive at once.
/// </summary>
public sealed class ModerationGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits, TimeProvider time) : Grain, IModerationGrain
{
    private const int NoteMaxLength = 500;

    private ScopeJournal<ModerationState> _journal = null!;

    private string CircleId => this.GetPrimaryKeyString();
    private string CircleScope => Scopes.Of(Scopes.Circle, CircleId);
    private IEventStore Events => journals.Events;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create<ModerationState>(AuditRows.Scope(CircleId), ModerationEvents.Catalog, GrainFactory);
        return _journal.LoadAsync(cancellationToken);
    }

    public async Task<FlagView> FlagComment(string reporterId, string threadId, long commentId, string excerpt, FlagReason reason, string? note)
    {
        if (!Enum.IsDefined(reason)) throw CollabException.Invalid("reason", "'reason' must be Spam, Harassment, OffTopic, Safeguarding or Other.");
        var text = Input.OptionalText("note", note, NoteMaxLength);
        if (reason == FlagReason.Other && text.Length == 0) throw CollabException.Invalid("note", "Say what is wrong when the reason is Other.");
        await _journal.EnsureCurrentAsync();

        var flagId = $"comment:{threadId}:{commentId}";
        var now = time.UtcNowMicros();
        var report = new FlagReport(reporterId, reason, text.Length == 0 ? null : text, now);
        var open = await Events.GetRowAsync(CircleScope, ModerationEvents.OpenFlags, flagId);
        if (open?.Read<FlagView>() is { } flag)
        {
            // One report per member: flagging again changes nothing.
            if (flag.Reasons.Any(r => r.MemberId == reporterId)) return flag;
            var merged = flag with { Reasons = [.. flag.Reasons, report] };
            await Write(ModerationEvents.FlagMerged, merged, reporterId, RowChange.Upsert(CircleScope, ModerationEvents.OpenFlags, flagId, open.Position, merged));
            return merged;
        }

        var opened = new FlagView(flagId, "comment", threadId, commentId, null, excerpt, [report], "open", now);
        await Write(ModerationEvents.FlagOpened, opened, reporterId, RowChange.Upsert(CircleScope, ModerationEvents.OpenFlags, flagId, Micros(now), opened));
        Report(ActivityKind.FlagOpened, now);
        return opened;
    }

    public async Task<Page<FlagView>> Queue(string actorId, bool resolved, string? after, int limit)
    {
        await RequireModerator(actorId);
        return await RowPages.ReadAsync<FlagView>(Events, CircleScope, resolved ? ModerationEvents.ResolvedFlags : ModerationEvents.OpenFlags,
            after, limit, limits.Value.PageMaxSize, newestFirst: resolved);
    }

    public async Task<FlagView> Resolve(string actorId, string flagId, string resolution)
    {
        await RequireModerator(actorId);
        var how = Input.RequiredText("resolution", resolution, NoteMaxLength);
        await _journal.EnsureCurrentAsync();
        var open = await Events.GetRowAsync(CircleScope, ModerationEvents.OpenFlags, flagId);
        if (open is null)
        {
            return await Events.GetRowAsync(CircleScope, ModerationEvents.ResolvedFlags, flagId) is { } done
                ? done.Read<FlagView>()
                : throw CollabException.NotFound($"Flag '{flagId}' not found in this circle.");
        }

        var now = time.UtcNowMicros();
        var closed = open.Read<FlagView>() with { State = "resolved", ResolvedBy = actorId, ResolvedAt = now, Resolution = how };
        await Write(ModerationEvents.FlagResolved, closed, actorId,
            RowChange.Delete(CircleScope, ModerationEvents.OpenFlags, flagId),
            RowChange.Upsert(CircleScope, ModerationEvents.ResolvedFlags, flagId, Micros(now), closed),
            AuditRows.For(CircleId, new AuditEntry(now, actorId, "flag.resolved", flagId, how), _journal.Scope, _journal.Version + 1));
        Report(ActivityKind.FlagResolved, now);
        return closed;
    }

    public async Task<Page<Abstractions.Threads.CommentView>> Held(string actorId, string? after, int limit)
    {
        await RequireModerator(actorId);
        return await RowPages.ReadAsync<Abstractions.Threads.CommentView>(Events, AuditRows.Scope(CircleId), AuditRows.HeldPosts, after, limit, limits.Value.PageMaxSize);
    }

    public async Task<Page<AuditEntry>> Audit(string actorId, string? after, int limit)
    {
        await RequireModerator(actorId);
        return await RowPages.ReadAsync<AuditEntry>(Events, AuditRows.Scope(CircleId), AuditRows.Collection, after, limit,
            limits.Value.PageMaxSize, newestFirst: true);
    }

    private Task Write(string kind, FlagView flag, string actorId, params RowChange[] rows) =>
        _journal.AppendAsync(kind, flag, actorId, rows: rows);

    private void Report(ActivityKind kind, DateTimeOffset at) =>
        _ = GrainFactory.GetGrain<IActivityGrain>(CircleId).Report(new ActivityReport(CircleId, kind, 1, at));

    private async Task RequireModerator(string actorId)
    {
        if (await GrainFactory.GetGrain<ICircleGrain>(CircleId).RoleOf(actorId) is not >= CircleRole.Moderator)
            throw CollabException.Forbidden("Only the circle's moderators and owners can see and act on its moderation.");
    }

    private static long Micros(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
