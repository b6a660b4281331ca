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

    public async Task LoadAsync(CancellationToken cancellationToken) =>
        LastSeq = await events.GetLastSeqAsync(Scope, cancellationToken);

    /// <summary>The event an earlier command with this id produced, if the same actor sent it.</summary>
    public async Task<StoredEvent?> FindCommandAsync(string? commandId, string actorId)
    {
        if (commandId is null || await events.FindByCommandIdAsync(Scope, commandId) is not { } earlier) return null;
        return earlier.ActorId == actorId ? earlier : throw CollabException.Conflict("This command id was already used by someone else.");
    }

    /// <summary>Appends the next event (and a comment row with it), then pushes it to subscribed web nodes.</summary>
    public async Task<ScopeEvent> AppendAsync(string kind, string actorId, string? commandId, string payload, StoredComment? comment = null)
    {
        var stored = new StoredEvent(Scope, LastSeq + 1, kind, payload, actorId, commandId, time.UtcNowMicros());
        try
        {
            await events.AppendAsync(stored, comment);
        }
        catch (EventSeqConflictException)
        {
            // Another activation of this grain wrote first (a silo failure can briefly leave two). Its event
            // stands; this command is refused, and this activation catches up with the log.
            LastSeq = await events.GetLastSeqAsync(Scope);
            throw CollabException.Conflict("This changed at the same moment elsewhere; please retry.");
        }

        LastSeq = stored.Seq;
        var published = new ScopeEvent(Scope, stored.Seq, kind, payload, actorId, stored.At);
        // One-way: the push never delays or fails the command; a lost push is a seq gap that readers fill from the log.
        await grains.GetGrain<IScopeFeedGrain>(Scope).Publish(published);
        return published;
    }
}
