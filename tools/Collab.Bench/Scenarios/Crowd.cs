using System.Diagnostics;
using System.Text.Json;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Bench.Scenarios;

/// <summary>
/// N listeners on one live scope, on Collab (members of an open circle joined to one thread) or on the bare hub
/// (connections in one group), and a writer that sends one comment every 100 ms stamped with its send time.
/// </summary>
public sealed class Crowd : IAsyncDisposable
{
    private const int Parallelism = 16;
    private readonly List<HubConnection> _listeners = [];
    private readonly Func<int, string, Task> _send;
    private readonly HubConnection _writer;
    private long[] _sentAt = [];
    private long _presenceMessages;

    private Crowd(HubConnection writer, Func<int, string, Task> send)
    {
        _writer = writer;
        _send = send;
    }

    public Latencies Latencies { get; } = new();
    public long PresenceMessages => Interlocked.Read(ref _presenceMessages);
    /// <summary>Seconds the listeners' joins took (the hub's Join, or JoinGroup, all of them).</summary>
    public double JoinSeconds { get; private set; }
    public double SetupSeconds { get; private set; }
    public int Size => _listeners.Count;

    /// <summary>Listeners whose connection the server closed (it times out clients it has not heard from).</summary>
    public int Dropped => _listeners.Count(c => c.State != HubConnectionState.Connected);

    /// <param name="inCircle">Listeners join the circle's scope instead of the thread's (the writer still posts in the thread).</param>
    public static async Task<Crowd> CollabAsync(BenchServer server, int listeners, string name, bool inCircle = false)
    {
        var setup = Stopwatch.StartNew();
        var owner = await server.SignInAsync($"{name}-owner");
        var circleId = (await server.PostAsync(owner, "/api/circles", new { name = $"Bench {name}" })).GetProperty("id").GetString()!;
        var threadId = (await server.PostAsync(owner, $"/api/circles/{circleId}/threads", new { title = "Live" })).GetProperty("id").GetString()!;
        var scope = $"thread:{threadId}";
        var writer = server.Connection(owner);
        await writer.StartAsync();
        await writer.InvokeAsync<JsonElement>("Join", scope, 0L);
        var crowd = new Crowd(writer, (i, text) => writer.InvokeAsync<JsonElement>("PostComment", threadId, text, null, $"c-{name}-{i}"));
        var members = new BenchServer.Member[listeners];
        await Parallel.ForEachAsync(Enumerable.Range(0, listeners), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var member = await server.SignInAsync($"{name}-{i}");
            await server.PostAsync(member, $"/api/circles/{circleId}/join", new { });
            members[i] = member;
        });
        var connections = await Connect(members.Select(server.Connection).ToList(), crowd);
        var joins = Stopwatch.StartNew();
        var listenerScope = inCircle ? $"circle:{circleId}" : scope;
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (c, _) =>
            {
                if (c.State == HubConnectionState.Connected) await c.InvokeAsync<JsonElement>("Join", listenerScope, 0L);
            });
        crowd.JoinSeconds = joins.Elapsed.TotalSeconds;
        crowd.SetupSeconds = setup.Elapsed.TotalSeconds;
        return crowd;
    }

    public static async Task<Crowd> BareAsync(BareHubServer server, int listeners, string name)
    {
        var setup = Stopwatch.StartNew();
        var writer = server.Connection();
        await writer.StartAsync();
        var crowd = new Crowd(writer, (_, text) => writer.InvokeAsync("Broadcast", name, text));
        var connections = await Connect(Enumerable.Range(0, listeners).Select(_ => server.Connection()).ToList(), crowd);
        var joins = Stopwatch.StartNew();
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (c, _) => await c.InvokeAsync("JoinGroup", name));
        crowd.JoinSeconds = joins.Elapsed.TotalSeconds;
        crowd.SetupSeconds = setup.Elapsed.TotalSeconds;
        return crowd;
    }

    private static async Task<List<HubConnection>> Connect(List<HubConnection> connections, Crowd crowd)
    {
        foreach (var connection in connections)
        {
            connection.On<JsonElement>("Event", crowd.Received);
            connection.On<JsonElement>("Presence", _ => Interlocked.Increment(ref crowd._presenceMessages));
        }
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (c, token) => await c.StartAsync(token));
        crowd._listeners.AddRange(connections);
        return connections;
    }

    private void Received(JsonElement e)
    {
        if (e.GetProperty("kind").GetString() != "comment.posted") return;
        var text = e.GetProperty("payload").GetProperty("text").GetString();
        if (text is not null && text.StartsWith("bench:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(6), out var i)
            && i < _sentAt.Length)
            Latencies.Add(Volatile.Read(ref _sentAt[i]));
    }

    /// <summary>Sends <paramref name="messages"/> comments, one every 100 ms, and waits (bounded) for every receipt.</summary>
    public async Task<int> WriteAndAwait(int messages)
    {
        // One unmeasured message first, so the first measured one does not pay for JIT compilation of the path.
        await _send(-1, "warm-up");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        _sentAt = new long[messages];
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var sends = new List<Task>();
        for (var i = 0; i < messages; i++)
        {
            await tick.WaitForNextTickAsync();
            Volatile.Write(ref _sentAt[i], Stopwatch.GetTimestamp());
            sends.Add(_send(i, $"bench:{i}"));
        }
        await Task.WhenAll(sends);
        var expected = messages * (_listeners.Count - Dropped);
        var deadline = Stopwatch.StartNew();
        while (Latencies.Count < expected && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        return Math.Max(0, expected - Latencies.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_listeners, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) => await c.DisposeAsync());
        await _writer.DisposeAsync();
    }
}
