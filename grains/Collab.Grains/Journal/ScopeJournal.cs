using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Collab.Grains.Journal;

/// <summary>
/// The event log as a grain's single truth. A change is appended first (one insert, with the rows it changes, in
/// one transaction) and only then applied to the in-memory state; the state is saved now and then as a snapshot
/// that records the seq it reflects, and activation replays the events after it. No failure between two writes
/// can therefore lose a change or its event: either the event is in the log (and every later activation applies
/// it) or the command failed and nothing changed.
/// </summary>
/// <remarks>
/// This is the shape of Orleans' <c>JournaledGrain</c> with the CustomStorage provider (append with the expected
/// version; read = snapshot + replay), kept in Collab's own small type because that adaptor retries a failed
/// append in the background until it succeeds and then re-applies the pending events to the re-read state without
/// running the command's checks again. A command here must instead fail at once with a clear error (and be
/// retried by the client with its command id), and a conflict with another activation must be re-decided.
/// </remarks>
public sealed partial class ScopeJournal<TState>(
    string scope,
    EventCatalog catalog,
    IEventStore events,
    IGrainFactory grains,
    TimeProvider time,
    JournalOptions options,
    ILogger logger) where TState : class, IJournalState, new()
{
    private const int ReplayPage = 500;

    private readonly ScopeLog _log = new(scope, events, grains, time);
    private long _snapshotSeq;
    private bool _unsure;
    private Task? _catchingUp;

    public string Scope => scope;

    public TState State { get; private set; } = new();

    /// <summary>The seq of the last event folded into <see cref="State"/>.</summary>
    public long Version { get; private set; }

    /// <summary>Raised after an event other than this activation's own was folded in (a catch-up after a conflict).</summary>
    public event Action? CaughtUp;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await events.LatestSnapshotAsync(scope, long.MaxValue, cancellationToken);
        State = snapshot is null ? new TState() : CollabJson.Deserialize<TState>(snapshot.Payload);
        Version = _snapshotSeq = snapshot?.Seq ?? 0;
        await ReplayAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the log again when an earlier append failed without saying whether it landed, so the next command
    /// is decided on the truth. Call before deciding anything. Read-only calls interleave, so they share one catch-up.
    /// </summary>
    public Task EnsureCurrentAsync() => !_unsure ? Task.CompletedTask : _catchingUp ??= CatchUpOnceAsync();

    private async Task CatchUpOnceAsync()
    {
        try
        {
            await CatchUpAsync();
            _unsure = false;
        }
        finally
        {
            _catchingUp = null;
        }
    }

    /// <summary>Appends <paramref name="evt"/> with its rows, applies it to the state, and pushes it to web nodes.</summary>
    public Task<ScopeEvent> AppendAsync(object evt, string actorId, string? commandId = null,
        IReadOnlyList<RowChange>? rows = null, StoredComment? comment = null) =>
        AppendAsync(catalog.KindOf(evt), evt, actorId, commandId, rows, comment);

    /// <summary>As <see cref="AppendAsync(object, string, string?, IReadOnlyList{RowChange}?, StoredComment?)"/>, for a record shared by several kinds.</summary>
    public async Task<ScopeEvent> AppendAsync(string kind, object evt, string actorId, string? commandId = null,
        IReadOnlyList<RowChange>? rows = null, StoredComment? comment = null)
    {
        if (!catalog.Knows(kind)) throw new InvalidOperationException($"Event kind '{kind}' is not in the event catalog.");
        ScopeEvent appended;
        try
        {
            appended = await _log.AppendAsync(kind, actorId, commandId, CollabJson.Serialize(evt), comment, rows);
        }
        catch (CollabException)
        {
            // Another activation wrote this seq first (a silo failure can briefly leave two): fold its events in.
            await CatchUpAsync();
            throw;
        }
        catch
        {
            // A timeout may hide a commit; the next command re-reads the log before it decides.
            _unsure = true;
            throw;
        }

        State.Apply(kind, evt);
        Version = appended.Seq;
        if (Version - _snapshotSeq >= options.SnapshotEvery) await SaveSnapshotAsync();
        return appended;
    }

    public Task<StoredEvent?> FindCommandAsync(string? commandId, string actorId, params string[] kinds) =>
        _log.FindCommandAsync(commandId, actorId, kinds);

    public async Task<IReadOnlyList<ScopeEvent>> ReadEventsAsync(long afterSeq, int limit) =>
        (await events.ReadEventsAsync(scope, afterSeq, limit)).Select(ScopeLog.ToScopeEvent).ToList();

    /// <summary>A failed snapshot loses nothing: the events are in the log and the next activation replays them.</summary>
    private async Task SaveSnapshotAsync()
    {
        try
        {
            await events.SaveSnapshotAsync(scope, Version, CollabJson.Serialize(State));
            _snapshotSeq = Version;
        }
        catch (Exception ex)
        {
            LogSnapshotFailed(scope, Version, ex);
        }
    }

    private async Task CatchUpAsync()
    {
        var before = Version;
        await ReplayAsync(CancellationToken.None, republish: true);
        if (Version != before) CaughtUp?.Invoke();
    }

    /// <param name="republish">
    /// Pushes what was found again: an append whose reply was lost never reached the feed, and web nodes would
    /// otherwise learn of it only at their next renewal.
    /// </param>
    private async Task ReplayAsync(CancellationToken cancellationToken, bool republish = false)
    {
        while (true)
        {
            var page = await events.ReadEventsAsync(scope, Version, ReplayPage, cancellationToken);
            foreach (var e in page)
            {
                State.Apply(e.Kind, catalog.Read(e.Kind, e.Payload));
                Version = e.Seq;
                if (republish) await _log.RepublishAsync(e);
            }
            if (page.Count < ReplayPage) break;
        }
        _log.ContinueAfter(Version);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the snapshot of {Scope} at seq {Seq} failed; activation will replay from the previous one")]
    private partial void LogSnapshotFailed(string scope, long seq, Exception exception);
}
