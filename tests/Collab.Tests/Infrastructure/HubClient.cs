using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A real SignalR client over a real socket (WebSockets) to a running Collab host, recording every push so
/// tests can await them with a timeout instead of sleeping.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _events = new();
    private readonly Channel<JsonElement> _presence = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _revoked = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _activity = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _threadActivity = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonElement> _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Completes when the connection closes (watched from before it started), with the error it closed with.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Completes when the server refuses this connection (it closes it right after), with its reason.</summary>
    public Task<JsonElement> Refused => _refused.Task;

    /// <param name="configure">More of the connection's settings (headers sent with the WebSocket upgrade, say).</param>
    public static async Task<HubClient> ConnectAsync(Uri server, string token, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/collab"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                configure?.Invoke(o);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var client = new HubClient(connection);
        connection.On<JsonElement>("Event", e => client.Events(e.GetProperty("scope").GetString()!).Writer.TryWrite(e));
        connection.On<JsonElement>("Presence", p => client._presence.Writer.TryWrite(p));
        connection.On<JsonElement>("Revoked", r => client._revoked.Writer.TryWrite(r));
        connection.On<JsonElement>("Activity", a => client._activity.Writer.TryWrite(a));
        connection.On<JsonElement>("ThreadActivity", a => client._threadActivity.Writer.TryWrite(a));
        connection.On<JsonElement>("Refused", r => client._refused.TrySetResult(r));
        connection.Closed += error =>
        {
            client._closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement> Join(string scope, long lastSeq) => Connection.InvokeAsync<JsonElement>("Join", scope, lastSeq);

    public Task<JsonElement> Post(string threadId, string text, string? commandId = null, long? parentId = null) =>
        Connection.InvokeAsync<JsonElement>("PostComment", threadId, text, parentId, commandId ?? Guid.NewGuid().ToString());

    /// <summary>The next pushed event of the scope, or a timeout failure.</summary>
    public async Task<JsonElement> NextEvent(string scope)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Events(scope).Reader.ReadAsync(timeout.Token);
    }

    public async Task<JsonElement> NextEventWithin(string scope, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        return await Events(scope).Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Events of the scope pushed so far and not yet read.</summary>
    public List<JsonElement> DrainEvents(string scope)
    {
        var drained = new List<JsonElement>();
        while (Events(scope).Reader.TryRead(out var e)) drained.Add(e);
        return drained;
    }

    /// <summary>The next scope this connection was put out of (<c>{scope, reason}</c>), or a timeout failure.</summary>
    public async Task<JsonElement> NextRevoked()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _revoked.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Scopes this connection was put out of so far and not yet read.</summary>
    public List<JsonElement> DrainRevoked()
    {
        var drained = new List<JsonElement>();
        while (_revoked.Reader.TryRead(out var r)) drained.Add(r);
        return drained;
    }

    /// <summary>Waits until a pushed presence snapshot of the scope satisfies the condition.</summary>
    public async Task<JsonElement> WaitForPresence(string scope, Func<JsonElement, bool> condition, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            var snapshot = await _presence.Reader.ReadAsync(timeout.Token);
            if (snapshot.GetProperty("scope").GetString() == scope && condition(snapshot)) return snapshot;
        }
    }

    /// <summary>Waits until a pushed dashboard snapshot of the scope satisfies the condition.</summary>
    public async Task<JsonElement> WaitForActivity(string scope, Func<JsonElement, bool> condition, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            var snapshot = await _activity.Reader.ReadAsync(timeout.Token);
            if (snapshot.GetProperty("scope").GetString() == scope && condition(snapshot)) return snapshot;
        }
    }

    /// <summary>Waits until a pushed thread summary (in a joined circle) satisfies the condition.</summary>
    public async Task<JsonElement> WaitForThreadActivity(Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var activity = await _threadActivity.Reader.ReadAsync(timeout.Token);
            if (condition(activity)) return activity;
        }
    }

    public static IEnumerable<string> PresentMembers(JsonElement snapshot) =>
        snapshot.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("memberId").GetString()!);

    private Channel<JsonElement> Events(string scope) => _events.GetOrAdd(scope, _ => Channel.CreateUnbounded<JsonElement>());

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
