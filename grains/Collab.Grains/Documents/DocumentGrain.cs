using System.Runtime.CompilerServices;
using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Documents.Ot;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Documents;

/// <summary>
/// The OT authority of one project's document, the thin server loop of ot.js and ShareDB: transform an operation
/// over what was applied since its base revision, check it, append it (one log row), apply it, acknowledge it;
/// the log's push carries it to everyone else. There is no grain state: the text is the latest snapshot plus the
/// operations after it, rebuilt on activation, so no write ever rewrites the document.
/// </summary>
/// <remarks>
/// Submits interleave (<c>[AlwaysInterleave]</c>): each is checked and queued, and the operations that arrive while
/// a batch is being written are committed together in the next one (DocumentGrain.Pipeline.cs). The in-memory text,
/// window and revision change only after a commit, synchronously, so every other call sees durable state only.
/// </remarks>
public sealed partial class DocumentGrain(
    IEventStore events,
    IOptions<CollabDocumentsOptions> options,
    IOptions<CollabLimitsOptions> limits,
    TimeProvider time,
    ILogger<DocumentGrain> logger) : Grain, IDocumentGrain
{
    private const int ReadPage = 500;
    private const int MaxClientOpIdLength = 100;

    private ScopeLog _log = null!;
    private TextDocument _text = new();
    private AuthorRuns _authors = new();
    private OperationWindow _window = null!;
    private long _revision;
    private string? _circleId;
    private bool _activityReportFailed;

    private string Id => this.GetPrimaryKeyString();
    /// <summary>
    /// The revision the in-memory text is at: every operation up to it is stored. Kept apart from the log's last seq,
    /// which moves when a commit returns, a moment before the grain applies that commit.
    /// </summary>
    private long Revision => _revision;
    private string Scope => field ??= Scopes.Of(Scopes.Document, Id);
    private CollabDocumentsOptions Options => options.Value;
    // Kept for the activation (a document never moves circle): Orleans builds every grain reference by reflection,
    // a cost every operation would otherwise pay.
    private ICircleGrain Circle => field ??= GrainFactory.GetGrain<ICircleGrain>(_circleId!);
    private IActivityGrain Activity => field ??= GrainFactory.GetGrain<IActivityGrain>(_circleId!);
    private IScopeFeedGrain Feed => field ??= GrainFactory.GetGrain<IScopeFeedGrain>(_log.Scope);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>
    /// Builds the text from storage: the latest snapshot, then the operations after it. A reload (after a redaction,
    /// or a commit that failed without saying whether it landed) builds aside and swaps everything in at once, so the
    /// calls that interleave with it see the old state or the new one, never a mix.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var log = new ScopeLog(Scope, events, GrainFactory, time);
        await log.LoadAsync(cancellationToken);
        var (text, authors, start) = (new TextDocument(), new AuthorRuns(), 0L);
        if (await events.LatestSnapshotAsync(Scope, log.LastSeq, cancellationToken) is { } stored)
        {
            var snapshot = DocumentSnapshot.Parse(stored.Payload);
            (text, authors, start) = (new TextDocument(snapshot.Text), snapshot.Authors, stored.Seq);
        }
        var window = new OperationWindow(start, Options.MaxTransformWindow);
        await foreach (var op in ReadOps(start, log.LastSeq, cancellationToken))
        {
            text.Apply(op.Op);
            authors.Apply(op.Op, op.AuthorId);
            window.Add(new AppliedOperation(op.Op, op.AuthorId));
        }
        (_log, _text, _authors, _window, _revision) = (log, text, authors, window, log.LastSeq);
    }

    public async Task<DocumentInfo> Describe(string actorId)
    {
        var canEdit = await Access(actorId);
        return new DocumentInfo(Id, Id, _circleId!, Revision, _text.Length, canEdit);
    }

    public async Task<DocumentText> Get(string actorId)
    {
        await Access(actorId);
        return new DocumentText(Id, Revision, _text.ToString());
    }

    public async Task<DocumentOpened> Open(string actorId, long knownRevision)
    {
        if (knownRevision < 0) throw CollabException.Invalid("knownRevision", "'knownRevision' must not be negative.");
        var canEdit = await Access(actorId);
        var head = Revision;
        if (knownRevision == 0 || knownRevision > head || head - knownRevision > Options.MaxOpenOps)
            return new DocumentOpened(Id, head, _text.ToString(), [], canEdit);

        // Up to the revision of this moment: submits commit while the log is read, and the answer must be one revision.
        var ops = new List<ScopeEvent>();
        await foreach (var e in ReadEvents(knownRevision, head)) ops.Add(ScopeLog.ToScopeEvent(e));
        return new DocumentOpened(Id, head, null, ops, canEdit);
    }

    public async Task<DocumentAck> Submit(string actorId, SubmitOperation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var clientOpId = ClientOpId(command.ClientOpId);
        var op = ParseOperation(command.Op);
        // An editor the last batch confirmed skips the call here: the commit loop checks every batch's authors again,
        // once each, right before writing. Anyone else is refused before anything is queued.
        if (!_confirmedEditors.Contains(actorId)) await EnsureCanEdit(actorId);
        CheckRevision(command.BaseRevision, "baseRevision");
        return await Enqueue(new QueuedOperation(actorId, command.BaseRevision, op, clientOpId, Options.MaxInsertCodePoints));
    }

    public async Task<CursorUpdate> MoveCursor(string actorId, CursorUpdate cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        await Access(actorId);
        CheckRevision(cursor.Revision, "revision");
        var (later, lengthThen, head) = await Since(cursor.Revision);
        CheckPosition(cursor.Anchor, "anchor", lengthThen, cursor.Revision);
        CheckPosition(cursor.Focus, "focus", lengthThen, cursor.Revision);

        // The cursor's own member was typing at it: their inserts carry it along, as every client moves it.
        var (anchor, focus) = (cursor.Anchor, cursor.Focus);
        foreach (var (op, authorId) in later)
        {
            var own = authorId == actorId;
            (anchor, focus) = (TextOperation.TransformPosition(anchor, op, own), TextOperation.TransformPosition(focus, op, own));
        }
        var placed = cursor with { Scope = _log.Scope, MemberId = actorId, Revision = head, Anchor = anchor, Focus = focus };
        await Feed.PublishCursor(placed);
        return placed;
    }

    public async Task<DocumentHistoryPage> GetHistory(string actorId, long afterRevision, int limit)
    {
        if (afterRevision < 0) throw CollabException.Invalid("after", "'after' must not be negative.");
        if (limit < 1 || limit > limits.Value.PageMaxSize)
            throw CollabException.Invalid("limit", $"'limit' must be between 1 and {limits.Value.PageMaxSize}.");
        await Access(actorId);
        var head = Revision;
        // Only what the document had applied when asked: a batch committing meanwhile is visible in the log a moment
        // before the grain applies it.
        var rows = afterRevision >= head ? [] : await events.ReadEventsAsync(_log.Scope, afterRevision, (int)Math.Min(limit, head - afterRevision));
        var items = rows.Select(e =>
        {
            var payload = DocumentOpPayload.Parse(e.Payload);
            return new DocumentRevision(e.Seq, e.ActorId, e.At, payload.Op.InsertedCodePoints, payload.Op.DeletedCodePoints, payload.Redaction);
        }).ToList();
        return new DocumentHistoryPage(items, items.Count == limit && items[^1].Revision < head ? items[^1].Revision : null);
    }

    public async Task<DocumentText> GetTextAt(string actorId, long revision)
    {
        await Access(actorId);
        CheckRestorable(revision);
        return new DocumentText(Id, revision, await TextAt(revision));
    }

    public async Task<DocumentAck> Restore(string actorId, long revision, string clientOpId)
    {
        clientOpId = ClientOpId(clientOpId);
        await EnsureCanEdit(actorId);
        CheckRestorable(revision);
        var (current, head) = (_text.ToString(), Revision);
        var restored = await TextAt(revision);
        if (restored == current) return await Unchanged(actorId, clientOpId);
        var op = TextDiff.Between(current, restored);
        // Computed here rather than sent by a client, so the per-operation insert cap does not apply: bringing back
        // a long text that someone deleted is exactly what a restore is for. It is made on the text of `head` and goes
        // through the same queue as every edit, transformed over what was committed since.
        return await Enqueue(new QueuedOperation(actorId, head, op, clientOpId, int.MaxValue));
    }

    public async Task<DocumentAttribution> GetAttribution(string actorId)
    {
        await Access(actorId);
        // Counts, length and revision of one moment: commits go on while the members are looked up.
        var (counts, length, head) = (_authors.CharactersByAuthor(), _text.Length, Revision);
        var members = await Task.WhenAll(counts.Select(c => FindMember(c.Key)));
        var authors = counts.Select((c, i) => new AuthorContribution(
            c.Key, members[i]?.Handle, members[i]?.DisplayName, c.Value, length == 0 ? 0 : (double)c.Value / length)).ToList();
        return new DocumentAttribution(Id, head, length, authors);
    }

    /// <summary>
    /// The answer to a restore whose text the document already has. Nothing is appended: an empty revision would
    /// only add a line to the history that changed nothing and send every editor an operation that does nothing.
    /// The answer keeps the shape of any restore (the client needs no second case): the current revision, which
    /// did not move, and the empty operation. A retry of a restore that did change the text lands here too (the
    /// text is restored by then), and gets that restore's first acknowledgement, as every retry does; a no-op
    /// leaves no trace, so its own retry is simply judged again against the text of that moment.
    /// </summary>
    private async Task<DocumentAck> Unchanged(string actorId, string clientOpId)
    {
        if (await _log.FindCommandAsync(clientOpId, actorId) is { } earlier)
            return new DocumentAck(Id, earlier.Seq, DocumentOpPayload.Parse(earlier.Payload).Op.ToJson(), clientOpId);
        return new DocumentAck(Id, Revision, TextOperation.Empty.ToJson(), clientOpId);
    }

    /// <summary>
    /// The operations applied after <paramref name="revision"/> (a checked one), the text's length at it, and the
    /// revision they lead to (commits go on meanwhile, so the caller uses this one, not a later <see cref="Revision"/>).
    /// </summary>
    private async Task<(List<AppliedOperation> Later, int LengthThen, long Head)> Since(long revision)
    {
        var later = await OpsAfter(revision);
        return (later, _text.Length - later.Sum(applied => applied.Op.InsertedCodePoints - applied.Op.DeletedCodePoints), Revision);
    }

    /// <summary>
    /// Tells the circle's activity grain, one-way: the call returns before the activity grain runs, and nothing it
    /// does (or fails to do) reaches the operation, which is already stored and applied. A failure to even send (no
    /// activity grain in this cluster) is logged once per activation, not once per keystroke.
    /// </summary>
    private void ReportActivity(ActivityKind kind, int count = 1)
    {
        try
        {
            _ = Activity.Report(new ActivityReport(_circleId!, kind, count, time.UtcNowMicros()));
        }
        catch (Exception ex)
        {
            if (!_activityReportFailed) LogActivityReportFailed(Id, kind, ex);
            _activityReportFailed = true;
        }
    }

    private void ApplyLocally(TextOperation op, string authorId)
    {
        _text.Apply(op);
        _authors.Apply(op, authorId);
        _window.Add(new AppliedOperation(op, authorId));
        _revision++;
    }

    /// <summary>
    /// The log is the truth; a snapshot only shortens the next activation. So a failed snapshot is logged and
    /// the operation, already stored, still succeeds: the next snapshot (or a longer replay) covers it.
    /// </summary>
    private async Task SaveSnapshot()
    {
        try
        {
            await events.SaveSnapshotAsync(_log.Scope, Revision, new DocumentSnapshot(_text.ToString(), _authors).ToJson());
        }
        catch (Exception ex)
        {
            LogSnapshotFailed(Id, Revision, ex);
        }
    }

    private async Task<string> TextAt(long revision)
    {
        if (revision == Revision) return _text.ToString();
        var stored = await events.LatestSnapshotAsync(_log.Scope, revision);
        var text = new TextDocument(stored is null ? "" : DocumentSnapshot.Parse(stored.Payload).Text);
        await foreach (var op in ReadOps(stored?.Seq ?? 0, revision)) text.Apply(op.Op);
        return text.ToString();
    }

    /// <summary>
    /// The operations after <paramref name="revision"/> up to the current one, oldest first: from the window, reading
    /// older ones from the log into it. Commits go on while the log is read (and may trim or replace the window), so
    /// what was read is put in front only if the window is still where the read began, and the check runs again.
    /// </summary>
    private async Task<List<AppliedOperation>> OpsAfter(long revision)
    {
        while (revision < _window.Start)
        {
            var (window, start) = (_window, _window.Start);
            var older = new List<AppliedOperation>();
            await foreach (var op in ReadOps(revision, start)) older.Add(new AppliedOperation(op.Op, op.AuthorId));
            if (older.Count != start - revision)
                throw new InvalidOperationException($"The log of {Scope} lacks operations between revisions {revision} and {start}.");
            if (ReferenceEquals(window, _window) && window.Start == start) window.Prepend(older);
        }
        return _window.After(revision).ToList();
    }

    private async IAsyncEnumerable<DocumentOpPayload> ReadOps(long after, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadEvents(after, upTo, cancellationToken)) yield return DocumentOpPayload.Parse(e.Payload);
    }

    private async IAsyncEnumerable<StoredEvent> ReadEvents(long after, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (after < upTo)
        {
            var page = await events.ReadEventsAsync(Scope, after, (int)Math.Min(ReadPage, upTo - after), cancellationToken);
            if (page.Count == 0) yield break;
            foreach (var e in page)
            {
                yield return e;
                after = e.Seq;
            }
        }
    }

    /// <summary>Throws unless the actor may read the document; returns whether they may also edit it.</summary>
    private async Task<bool> Access(string actorId)
    {
        Input.Id("documentId", Id);
        if (_circleId is null)
        {
            try
            {
                // The project decides who may read it (and so its document); its circle never changes, so ask once.
                _circleId = (await GrainFactory.GetGrain<IProjectGrain>(Id).Get(actorId)).CircleId;
            }
            catch (CollabException ex) when (ex.Kind == CollabErrorKind.NotFound)
            {
                throw CollabException.NotFound($"Document '{Id}' not found: every project has one, under the project's id.");
            }
        }
        var role = await Circle.RoleOf(actorId);
        if (role is null) await Circle.EnsureCanRead(actorId);
        return role is not null;
    }

    private async Task EnsureCanEdit(string actorId)
    {
        if (!await Access(actorId)) throw CollabException.Forbidden("Join the circle to edit the documents of its projects.");
    }

    /// <summary>A base revision must be one the document had, and recent enough to transform over what followed.</summary>
    private void CheckRevision(long revision, string field)
    {
        if (revision < 0) throw CollabException.Invalid(field, $"'{field}' must not be negative.");
        if (revision > Revision)
            throw CollabException.Invalid(field, $"'{field}' {revision} is ahead of the document, which is at revision {Revision}.");
        var oldest = Revision - Options.MaxTransformWindow;
        if (revision < oldest)
            throw CollabException.Invalid(field,
                $"'{field}' {revision} is too old: the document is at revision {Revision} and accepts revision {oldest} or later. Reopen it and redo the change on the current text.");
    }

    private void CheckRestorable(long revision)
    {
        if (revision < 0 || revision > Revision)
            throw CollabException.Invalid("revision", $"'revision' must be between 0 and {Revision}, the current revision.");
    }

    private static void CheckPosition(int position, string field, int length, long revision)
    {
        if (position < 0 || position > length)
            throw CollabException.Invalid(field, $"'{field}' must be between 0 and {length}, the length of the text at revision {revision}.");
    }

    private TextOperation ParseOperation(string? json)
    {
        if (json is null) throw CollabException.Invalid("op", "'op' is required: a JSON array of retains, inserts and deletes.");
        // Parsing costs what the JSON is long: refuse what cannot fit the insert cap before reading it.
        if (json.Length > 16L * Options.MaxInsertCodePoints + 65_536)
            throw CollabException.Invalid("op", $"The operation is too large: at most {Options.MaxInsertCodePoints} code points may be inserted at once.");
        try
        {
            return TextOperation.FromJson(json);
        }
        catch (OtException ex)
        {
            throw CollabException.Invalid("op", ex.Message);
        }
    }

    private static string ClientOpId(string? clientOpId) =>
        string.IsNullOrWhiteSpace(clientOpId) || clientOpId.Length > MaxClientOpIdLength
            ? throw CollabException.Invalid("clientOpId", $"'clientOpId' must be a client-generated id of 1 to {MaxClientOpIdLength} characters.")
            : clientOpId;

    private async Task<MemberView?> FindMember(string memberId)
    {
        try
        {
            return await GrainFactory.GetGrain<IMemberGrain>(memberId).Get();
        }
        catch (CollabException)
        {
            return null; // a member who no longer exists still wrote what they wrote
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the snapshot of document {DocumentId} at revision {Revision} failed; the log still holds every operation")]
    private partial void LogSnapshotFailed(string documentId, long revision, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting {Kind} of document {DocumentId} to the activity grain failed; the change itself stands")]
    private partial void LogActivityReportFailed(string documentId, ActivityKind kind, Exception exception);
}
