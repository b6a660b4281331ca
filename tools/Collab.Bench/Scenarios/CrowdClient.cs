using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Bench.Scenarios;

/// <summary>
/// One process of listeners for a crowd too large for one process (each holds at most `ulimit -n` descriptors, and
/// the server needs one per connection for itself): `Collab.Bench.dll crowd-client …`, started by
/// <see cref="ProcessCrowd"/>. Its sockets leave from their own loopback address (127.0.0.x), so the processes
/// share no port range. Talks over its standard streams, one line each way:
/// it says <c>ready</c> once every listener is connected; then <c>join</c> → <c>joined</c>;
/// <c>report M</c> (M comments were sent) → <c>report presence dropped latencies…</c>; <c>quit</c> ends it.
/// </summary>
public static class CrowdClient
{
    private const int Parallelism = 16;

    /// <param name="args">--target collab|bare --url U --scope S --name N --from I --count K --source A [--circle C]</param>
    public static async Task<int> Run(string[] args)
    {
        string Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
            ? args[i + 1] : throw new ArgumentException($"crowd-client: {name} is missing");
        var collab = Option("--target") == "collab";
        var url = new Uri(Option("--url"));
        var scope = Option("--scope");
        var (name, from, count) = (Option("--name"), int.Parse(Option("--from"), CultureInfo.InvariantCulture), int.Parse(Option("--count"), CultureInfo.InvariantCulture));
        var source = IPAddress.Parse(Option("--source"));

        using var handler = BoundTo(source);
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = url };
        var latencies = new List<double>();
        long presence = 0;
        var tokens = new string?[count];
        if (collab)
        {
            var circleId = Option("--circle");
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
                tokens[i] = await SignInAndJoin(http, $"{name}_{from + i}", circleId));
        }
        var connections = tokens.Select(token => Connection(url, collab, token, handler)).ToList();
        foreach (var connection in connections)
        {
            connection.On<JsonElement>("Event", e =>
            {
                if (Receipt.SentAt(e) is not { } sentAt) return;
                var millis = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                lock (latencies) latencies.Add(millis);
            });
            connection.On<JsonElement>("Presence", _ => Interlocked.Increment(ref presence));
        }
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, token) => await c.StartAsync(token));
        Console.WriteLine("ready");

        for (string? line; (line = Console.ReadLine()) is not null;)
        {
            var command = line.Split(' ');
            switch (command[0])
            {
                case "join":
                    await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) =>
                    {
                        if (c.State != HubConnectionState.Connected) return;
                        if (collab) await c.InvokeAsync<JsonElement>("Join", scope, 0L);
                        else await c.InvokeAsync("JoinGroup", scope);
                    });
                    Console.WriteLine("joined");
                    break;
                case "report":
                    var dropped = connections.Count(c => c.State != HubConnectionState.Connected);
                    var expected = int.Parse(command[1], CultureInfo.InvariantCulture) * (count - dropped);
                    var waited = Stopwatch.StartNew();
                    while (Count(latencies) < expected && waited.Elapsed < Receipt.Patience) await Task.Delay(50);
                    string received;
                    lock (latencies) received = string.Join(' ', latencies.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)));
                    Console.WriteLine($"report {Interlocked.Read(ref presence)} {dropped} {received}".TrimEnd());
                    break;
                case "quit":
                    await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) => await c.DisposeAsync());
                    return 0;
            }
        }
        return 0;
    }

    private static int Count(List<double> latencies)
    {
        lock (latencies) return latencies.Count;
    }

    /// <summary>Signs a member in through the development issuer and joins them to the circle; their token.</summary>
    private static async Task<string> SignInAndJoin(HttpClient http, string handle, string circleId)
    {
        var response = await http.PostAsJsonAsync("/auth/dev-token", new { handle, displayName = handle });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var join = new HttpRequestMessage(HttpMethod.Post, $"/api/circles/{circleId}/join") { Content = JsonContent.Create(new { }) };
        join.Headers.Authorization = new("Bearer", token);
        using var joined = await http.SendAsync(join);
        if (!joined.IsSuccessStatusCode) throw new InvalidOperationException($"joining the circle: {(int)joined.StatusCode} {await joined.Content.ReadAsStringAsync()}");
        return token;
    }

    private static HubConnection Connection(Uri url, bool collab, string? token, SocketsHttpHandler handler)
    {
        var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(url, collab ? "/hubs/collab" : "/hubs/bare"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            // The socket leaves from this process's own address: through the handler bound to it.
            o.WebSocketFactory = async (context, cancellationToken) =>
            {
                var socket = new ClientWebSocket();
                if (token is not null) socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                await socket.ConnectAsync(context.Uri, invoker, cancellationToken);
                return socket;
            };
        });
        if (collab) builder.AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder.Build();
    }

    /// <summary>An HTTP handler whose every connection is made from <paramref name="source"/>.</summary>
    private static SocketsHttpHandler BoundTo(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
