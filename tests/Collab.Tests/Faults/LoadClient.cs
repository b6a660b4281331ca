using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Faults;

/// <summary>
/// One member's live connection under load, behaving as the browser workspace does (src/live): it follows one thread
/// and applies its events strictly in seq order, each once; a gap in the pushes, or a new connection, joins the
/// thread again with the last seq applied, and the server answers what was missed. It posts with a command id of its
/// own and, until acknowledged, repeats the post with the same id. When its web node goes away it connects to the
/// next one. Every applied event is kept, so a test can compare what the client saw with what was stored.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    /// <summary>How long the client waits for one answer before it asks again (with the same command id).</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ReconnectPatience = TimeSpan.FromMinutes(2);

    private readonly object _gate = new();
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly string _token;
    private readonly LoadLedger _ledger;
    private readonly Dictionary<long, string> _applied = [];
    private readonly HashSet<string> _texts = [];
    private readonly SortedDictionary<long, string> _ahead = [];
    private readonly List<(long Seq, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _disposed = new();
    private TaskCompletionSource<HubConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _node;
    private long _lastSeq;
    private bool _joining;

    private LoadClient(int index, string threadId, IReadOnlyList<Uri> nodes, int node, string token, LoadLedger ledger)
    {
        Index = index;
        ThreadId = threadId;
        _nodes = nodes;
        _node = node;
        _token = token;
        _ledger = ledger;
    }

    public int Index { get; }

    public string ThreadId { get; }

    private string Scope => $"thread:{ThreadId}";

    /// <summary>The web node the client first connected to.</summary>
    public int FirstNode { get; private set; }

    /// <summary>The thread's seq when the client first joined: every later event must reach it.</summary>
    public long JoinedAtSeq { get; private set; }

    public int Reconnections { get; private set; }

    /// <summary>Resyncs answered with a snapshot instead of the missed events (the client fell too far behind).</summary>
    public int Resets { get; private set; }

    /// <summary>Comments applied at a second seq: the same comment delivered as two.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Events applied since joining, by seq: their comment text, or their kind for other events.</summary>
    public IReadOnlyDictionary<long, string> Applied
    {
        get { lock (_gate) return new Dictionary<long, string>(_applied); }
    }

    public static async Task<LoadClient> ConnectAsync(int index, string threadId, IReadOnlyList<Uri> nodes, int node, string token, LoadLedger ledger)
    {
        var client = new LoadClient(index, threadId, nodes, node, token, ledger) { FirstNode = node };
        await client.ConnectToAsync(node);
        client.JoinedAtSeq = client._lastSeq;
        return client;
    }

    /// <summary>Completes when the client has applied every event up to <paramref name="seq"/>, or fails after <paramref name="patience"/>.</summary>
    public Task Reached(long seq, TimeSpan patience)
    {
        lock (_gate)
        {
            if (_lastSeq >= seq) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((seq, reached));
            return reached.Task.WaitAsync(patience);
        }
    }

    /// <summary>Posts <paramref name="text"/> until the server acknowledges it, always with the same command id.</summary>
    public async Task PostUntilAcknowledged(string text, CancellationToken giveUp)
    {
        var commandId = Guid.NewGuid().ToString();
        _ledger.RecordSent(ThreadId, text);
        while (true)
        {
            var connection = await _connected.Task.WaitAsync(giveUp);
            var started = _ledger.Now;
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(giveUp);
                timeout.CancelAfter(AttemptTimeout);
                var comment = await connection.InvokeAsync<JsonElement>("PostComment", ThreadId, text, null, commandId, timeout.Token);
                _ledger.RecordAcknowledged(ThreadId, text, comment.GetProperty("id").GetInt64(), started);
                return;
            }
            catch (HubException ex)
            {
                failure = KindOf(ex.Message);
            }
            catch (OperationCanceledException) when (!giveUp.IsCancellationRequested)
            {
                failure = "no answer";
            }
            catch (Exception ex) when (!giveUp.IsCancellationRequested)
            {
                // The connection closed under the call: whether it was stored is for the retry to find out.
                failure = $"connection lost ({ex.GetType().Name})";
            }
            _ledger.RecordFailed(ThreadId, started, failure);
            await Task.Delay(RetryDelay, giveUp);
        }
    }

    /// <summary>
    /// The kind of the hub's one error shape; the client sees it after SignalR's own words
    /// ("An unexpected error occurred invoking 'PostComment' on the server. HubException: {…}").
    /// </summary>
    private static string KindOf(string hubMessage)
    {
        var json = hubMessage.IndexOf('{');
        try
        {
            if (json >= 0 && JsonDocument.Parse(hubMessage[json..]).RootElement.TryGetProperty("kind", out var kind)) return kind.GetString()!;
        }
        catch (JsonException)
        {
            // Not the hub's shape.
        }
        return "unexplained error";
    }

    private async Task ConnectToAsync(int node)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_nodes[node], "/hubs/collab"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        connection.On<JsonElement>("Event", e => OnPushed(connection, e));
        connection.Closed += _ => OnClosed();
        try
        {
            await connection.StartAsync(_disposed.Token);
            lock (_gate) _joining = true;
            await JoinAsync(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _node = node;
        _connected.TrySetResult(connection);
    }

    /// <summary>Joins the thread with the last seq applied and applies the answer, then whatever was pushed meanwhile.</summary>
    private async Task JoinAsync(HubConnection connection)
    {
        long from;
        lock (_gate) from = _lastSeq;
        JsonElement result;
        try
        {
            result = await connection.InvokeAsync<JsonElement>("Join", Scope, from, _disposed.Token);
        }
        catch
        {
            lock (_gate) _joining = false;
            throw;
        }

        var again = false;
        lock (_gate)
        {
            if (result.GetProperty("reset").GetBoolean())
            {
                // The first join of a thread answers its state as of a seq; only a resync's reset means events were skipped.
                if (from > 0) Resets++;
                _lastSeq = Math.Max(_lastSeq, result.GetProperty("seq").GetInt64());
            }
            foreach (var e in result.GetProperty("events").EnumerateArray()) Take(e);
            again = ApplyAhead();
            _joining = again;
        }
        if (again) _ = ResyncAsync(connection);
    }

    private void OnPushed(HubConnection connection, JsonElement e)
    {
        if (e.GetProperty("scope").GetString() != Scope) return;
        bool resync;
        lock (_gate)
        {
            Take(e);
            resync = !_joining && ApplyAhead();
            if (resync) _joining = true;
        }
        if (resync) _ = ResyncAsync(connection);
    }

    /// <summary>Joins again, <see cref="_joining"/> being already set, so that one resync runs at a time.</summary>
    private async Task ResyncAsync(HubConnection connection)
    {
        try
        {
            await JoinAsync(connection);
        }
        catch (Exception)
        {
            // The connection went away: the next connection joins again from the last seq applied.
        }
    }

    /// <summary>Applies an event if it is the next one, keeps it aside if it is ahead of a gap, drops it if already applied.</summary>
    private void Take(JsonElement e)
    {
        var seq = e.GetProperty("seq").GetInt64();
        if (seq <= _lastSeq) return;
        var payload = e.GetProperty("payload");
        _ahead[seq] = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("text", out var text)
            ? text.GetString()!
            : e.GetProperty("kind").GetString()!;
    }

    /// <summary>Applies the events kept aside that are now next in line; true when a gap remains before the others.</summary>
    private bool ApplyAhead()
    {
        while (_ahead.Count > 0)
        {
            var (seq, text) = _ahead.First();
            if (seq <= _lastSeq)
            {
                _ahead.Remove(seq);
                continue;
            }
            if (seq > _lastSeq + 1) break;
            _ahead.Remove(seq);
            if (!_texts.Add(text)) Duplicates++;
            _applied[seq] = text;
            _lastSeq = seq;
        }
        foreach (var waiter in _waiters.Where(w => w.Seq <= _lastSeq).ToList())
        {
            waiter.Reached.TrySetResult();
            _waiters.Remove(waiter);
        }
        return _ahead.Count > 0;
    }

    private Task OnClosed()
    {
        if (_disposed.IsCancellationRequested) return Task.CompletedTask;
        lock (_gate)
        {
            _connected = new TaskCompletionSource<HubConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            Reconnections++;
        }
        _ = ReconnectAsync();
        return Task.CompletedTask;
    }

    /// <summary>Tries the next web node, then the others in turn, as a browser behind a load balancer is sent elsewhere.</summary>
    private async Task ReconnectAsync()
    {
        var deadline = DateTime.UtcNow + ReconnectPatience;
        for (var attempt = 1; DateTime.UtcNow < deadline && !_disposed.IsCancellationRequested; attempt++)
        {
            try
            {
                await ConnectToAsync((_node + attempt) % _nodes.Count);
                return;
            }
            catch (Exception) when (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_connected.Task.IsCompletedSuccessfully) await (await _connected.Task).DisposeAsync();
        _disposed.Dispose();
    }
}
