using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Storage;

namespace Collab.Grains.Live;

/// <summary>
/// A domain grain's view of its own scope's event log: the next seq, appends, and the push to web nodes.
/// The log, not grain state, is the truth about the newest seq, so grain state is not rewritten per event.
/// </summary>
public sealed class ScopeLog(string scope, IEventStore events, IGrainFactory grains, TimeProvider time)
{
    public string Scope { get; } = scope;

    public long LastSeq { get; private set; }

    // Made once: Orleans builds every grain reference by reflection, a cost every append would otherwise pay.
    private IScopeFeedGrain Feed => field ??= grains.GetGrain<IScopeFeedGrain>(Scope);

    public async Task LoadAsync(CancellationToken cancellationToken) =>
        LastSeq = await events.GetLastSeqAsync(Scope, cancellationToken);

    /// <summary>Appends from <paramref name="lastSeq"/> on: the seq a journal has folded its state up to, so the two never disagree.</summary>
    public void ContinueAfter(long lastSeq) => LastSeq = lastSeq;

    /// <summary>
    /// The event an earlier command with this id produced, if the same actor sent the same kind of command
    /// (one of <paramref name="kinds"/>); a command id reused by someone else or for another command is a conflict.
    /// </summary>
    public async Task<StoredEvent?> FindCommandAsync(string? commandId, string actorId, params string[] kinds)
    {
        if (commandId is null || await events.FindByCommandIdAsync(Scope, commandId) is not { } earlier) return null;
        if (earlier.ActorId != actorId) throw CollabException.Conflict("This command id was already used by someone else.");
        if (kinds.Length > 0 && !kinds.Contains(earlier.Kind))
            throw CollabException.Conflict($"This command id was already used for another command ({earlier.Kind}).");
        return earlier;
    }

    /// <summary>Appends the next event (and the comment and rows it changes, atomically), then pushes it to subscribed web nodes.</summary>
    public async Task<ScopeEvent> AppendAsync(string kind, string actorId, string? commandId, string payload,
        StoredComment? comment = null, IReadOnlyList<RowChange>? rows = null)
    {
        var stored = new StoredEvent(Scope, LastSeq + 1, kind, payload, actorId, commandId, time.UtcNowMicros());
        try
        {
            await events.AppendAsync(stored, comment, rows);
        }
        catch (EventSeqConflictException)
        {
            throw await Refused();
        }
        return await Published(stored);
    }

    /// <summary>
    /// Appends <paramref name="batch"/> (the next seqs of this scope, in order) in one transaction, then pushes its
    /// events in seq order. A taken seq or command id throws <see cref="EventSeqConflictException"/> with nothing
    /// written and <see cref="LastSeq"/> unchanged: which of the two it was is for the caller to find out, since only
    /// it knows which command ids it may answer from the log. Looking command ids up only after a refusal keeps the
    /// common case at one write and no read: what a stream of keystrokes needs.
    /// </summary>
    public async Task AppendBatchAsync(IReadOnlyList<StoredEvent> batch)
    {
        for (var i = 0; i < batch.Count; i++)
            if (batch[i].Scope != Scope || batch[i].Seq != LastSeq + 1 + i)
                throw new ArgumentException($"A batch of {Scope} must hold its next seqs from {LastSeq + 1} in order.", nameof(batch));
        await events.AppendBatchAsync(batch);
        LastSeq = batch[^1].Seq;
        // One-way, one message for the batch: a lost push is a seq gap that readers fill from the log.
        await Feed.PublishAll(batch.Select(ToScopeEvent).ToList());
    }

    public static ScopeEvent ToScopeEvent(StoredEvent e) => new(e.Scope, e.Seq, e.Kind, e.Payload, e.ActorId, e.At);

    /// <summary>
    /// Another activation of this grain wrote first (a silo failure can briefly leave two). Its event stands;
    /// this command is refused, and this activation catches up with the log.
    /// </summary>
    private async Task<CollabException> Refused()
    {
        LastSeq = await events.GetLastSeqAsync(Scope);
        return CollabException.Conflict("This changed at the same moment elsewhere; please retry.");
    }

    /// <summary>Pushes an event already in the log again (one-way); relays drop a seq they already forwarded.</summary>
    public Task RepublishAsync(StoredEvent stored) => Feed.Publish(ToScopeEvent(stored));

    private async Task<ScopeEvent> Published(StoredEvent stored)
    {
        LastSeq = stored.Seq;
        var published = ToScopeEvent(stored);
        // One-way: the push never delays or fails the command; a lost push is a seq gap that readers fill from the log.
        await Feed.Publish(published);
        return published;
    }
}
