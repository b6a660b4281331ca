using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using Collab.Grains.Documents.Ot;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Replay.Editing;

/// <summary>
/// One SignalR connection editing one document: the transport under an <see cref="OtClient"/>. It opens the
/// document, submits operations, and hands out the document's operations strictly in revision order, whichever
/// way each arrived: pushed as a <c>document.op</c> event, as the acknowledgement of our own submission, or read
/// back from the server when a push is late (a gap).
/// </summary>
public sealed class DocumentSession : IAsyncDisposable
{
    public const string HubPath = "/hubs/collab";

    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<long, ServerOperation> _arrived = new();
    private readonly SemaphoreSlim _signal = new(0);
    private long _taken;

    private DocumentSession(HubConnection connection, string documentId, string memberId)
    {
        _connection = connection;
        DocumentId = documentId;
        MemberId = memberId;
        Scope = $"document:{documentId}";
    }

    /// <summary>How long to wait for a pushed operation before reading it from the server instead.</summary>
    public static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the next operation at all before giving up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string DocumentId { get; }

    public string MemberId { get; }

    public string Scope { get; }

    /// <summary>The text when the document was opened, at <see cref="OpenedRevision"/>.</summary>
    public string OpenedText { get; private set; } = "";

    public long OpenedRevision { get; private set; }

    /// <summary>The revision of the last operation handed out by <see cref="NextAsync"/>.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Times a pushed operation was late and had to be read back from the server.</summary>
    public int GapsFilled { get; private set; }

    /// <summary>Times the server asked to slow down (hub rate limit) and a submission was retried.</summary>
    public int RateLimitRetries { get; private set; }

    /// <summary>Connects with a bearer token and opens the document at its current text.</summary>
    public static async Task<DocumentSession> OpenAsync(Uri server, string token, string memberId, string documentId, CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, HubPath), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            // Text as UTF-8, not \uXXXX escapes: an astral character costs 4 bytes of a hub message instead of 12.
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .Build();
        var session = new DocumentSession(connection, documentId, memberId);
        connection.On<JsonElement>("Event", session.OnEvent);
        await connection.StartAsync(cancellationToken);
        try
        {
            var opened = await connection.InvokeAsync<JsonElement>("OpenDocument", documentId, 0L, cancellationToken);
            session.OpenedText = opened.GetProperty("text").GetString()!;
            session.OpenedRevision = session._taken = opened.GetProperty("revision").GetInt64();
            return session;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends an operation and returns the revision it became. The acknowledgement also counts as that revision's
    /// arrival, so <see cref="NextAsync"/> hands it out without waiting for the push of the same operation.
    /// </summary>
    public async Task<long> SubmitAsync(OutgoingOperation outgoing, CancellationToken cancellationToken = default)
    {
        for (var delay = TimeSpan.FromMilliseconds(50); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond)))
        {
            try
            {
                var ack = await _connection.InvokeAsync<JsonElement>(
                    "SubmitOperation", DocumentId, outgoing.BaseRevision, outgoing.Op, outgoing.ClientOpId, cancellationToken);
                var revision = ack.GetProperty("revision").GetInt64();
                Arrive(new ServerOperation(revision, TextOperation.Parse(ack.GetProperty("op")), MemberId, outgoing.ClientOpId));
                return revision;
            }
            catch (HubException ex) when (ErrorKind(ex) == "LimitExceeded")
            {
                // Refused before anything changed; the same operation (same id) is simply sent again.
                RateLimitRetries++;
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>The operation of the next revision (<see cref="Taken"/> + 1), waiting for it if need be.</summary>
    public async Task<ServerOperation> NextAsync(CancellationToken cancellationToken = default)
    {
        var next = await PeekAsync(cancellationToken);
        // Taken first: a duplicate of this revision arriving now is then refused rather than kept forever.
        Interlocked.Increment(ref _taken);
        _arrived.TryRemove(next.Revision, out _);
        return next;
    }

    /// <summary>The operation of the next revision, left in place for <see cref="NextAsync"/>.</summary>
    public async Task<ServerOperation> PeekAsync(CancellationToken cancellationToken = default)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            if (_arrived.TryGetValue(Taken + 1, out var next)) return next;
            if (await _signal.WaitAsync(GapPatience, cancellationToken)) continue;
            await FillGapAsync(cancellationToken);
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException($"Revision {Taken + 1} of document {DocumentId} did not arrive within {Patience}.");
        }
    }

    /// <summary>The error kind of a hub error (<c>{"kind": ..., "detail": ..., "field": ...}</c>), or null.</summary>
    public static string? ErrorKind(HubException error)
    {
        var start = error.Message.IndexOf('{');
        if (start < 0) return null;
        try
        {
            using var json = JsonDocument.Parse(error.Message[start..]);
            return json.RootElement.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _signal.Dispose();
    }

    private void OnEvent(JsonElement e)
    {
        if (e.GetProperty("scope").GetString() != Scope || e.GetProperty("kind").GetString() != "document.op") return;
        var payload = e.GetProperty("payload");
        Arrive(new ServerOperation(e.GetProperty("seq").GetInt64(), TextOperation.Parse(payload.GetProperty("op")),
            payload.GetProperty("authorId").GetString()!, payload.GetProperty("clientOpId").GetString()!));
    }

    private void Arrive(ServerOperation op)
    {
        // Whatever arrives twice (acknowledgement and push, push and read-back) is the same revision: keep one.
        if (op.Revision > Taken && _arrived.TryAdd(op.Revision, op)) _signal.Release();
    }

    /// <summary>Reads the operations after the last one taken from the server: a push is late or was lost.</summary>
    private async Task FillGapAsync(CancellationToken cancellationToken)
    {
        var taken = Taken;
        var reopened = await _connection.InvokeAsync<JsonElement>("OpenDocument", DocumentId, taken, cancellationToken);
        if (reopened.GetProperty("text").ValueKind == JsonValueKind.String)
        {
            // The whole text came back instead (nothing known yet, or too far behind): fine only if nothing is missing.
            if (reopened.GetProperty("revision").GetInt64() > taken)
                throw new InvalidOperationException($"Document {DocumentId} cannot be caught up operation by operation from revision {taken}.");
            return;
        }
        var missed = reopened.GetProperty("ops");
        if (missed.GetArrayLength() > 0) GapsFilled++;
        foreach (var e in missed.EnumerateArray()) OnEvent(e);
    }
}
