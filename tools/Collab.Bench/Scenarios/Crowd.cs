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
        var stage = await CollabStage.OpenAsync(server, name);
        var crowd = new Crowd(stage.Writer, stage.Send);
        var members = new BenchServer.Member[listeners];
        await Parallel.ForEachAsync(Enumerable.Range(0, listeners), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var member = await server.SignInAsync($"{name}-{i}");
            await server.PostAsync(member, $"/api/circles/{stage.CircleId}/join", new { });
            members[i] = member;
        });
        var connections = await Connect(members.Select(server.Connection).ToList(), crowd);
        var joins = Stopwatch.StartNew();
        var listenerScope = inCircle ? stage.CircleScope : stage.ThreadScope;
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
        if (Receipt.SentAt(e) is { } sentAt) Latencies.Add(sentAt);
    }

    /// <summary>Sends <paramref name="messages"/> comments, one every 100 ms, and waits (bounded) for every receipt.</summary>
    public async Task<int> WriteAndAwait(int messages)
    {
        await Receipt.SendPacedAsync(_send, messages);
        var expected = messages * (_listeners.Count - Dropped);
        var deadline = Stopwatch.StartNew();
        while (Latencies.Count < expected && deadline.Elapsed < Receipt.Patience) await Task.Delay(50);
        return Math.Max(0, expected - Latencies.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_listeners, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) => await c.DisposeAsync());
        await _writer.DisposeAsync();
    }
}
