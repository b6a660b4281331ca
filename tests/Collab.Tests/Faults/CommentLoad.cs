using System.Net.Http.Headers;
using System.Net.Http.Json;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Faults;

/// <summary>
/// Steady comment traffic on a <see cref="LocalCluster"/>: 200 members, each with one live connection (alternately on
/// either web node), ten per thread over 20 threads, each posting about every four seconds and following its
/// thread. Both web nodes serve every thread, so each comment travels to clients on both.
/// </summary>
public sealed class CommentLoad : IAsyncDisposable
{
    public const int ClientCount = 200;
    public const int ThreadCount = 20;

    /// <summary>One post every four seconds per client: about 50 comments a second in all, on a machine shared with other work.</summary>
    private static readonly TimeSpan PostInterval = TimeSpan.FromSeconds(4);

    /// <summary>How long a post may take to be acknowledged, retries included, before the load gives up on it.</summary>
    private static readonly TimeSpan PostPatience = TimeSpan.FromMinutes(3);

    private const int SetupParallelism = 8;

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _giveUp = new();
    private readonly List<Task> _posting = [];

    private CommentLoad(IReadOnlyList<string> threadIds, IReadOnlyList<LoadClient> clients, LoadLedger ledger)
    {
        ThreadIds = threadIds;
        Clients = clients;
        Ledger = ledger;
    }

    public IReadOnlyList<string> ThreadIds { get; }

    public IReadOnlyList<LoadClient> Clients { get; }

    public LoadLedger Ledger { get; }

    /// <summary>Creates the circle, its threads and members, and connects every client to its thread (nothing posted yet).</summary>
    public static async Task<CommentLoad> PrepareAsync(LocalCluster cluster)
    {
        var nodes = cluster.WebNodes.Select(n => n.Address).ToList();
        var run = Guid.NewGuid().ToString("N")[..6];
        using var owner = await SignInAsync(nodes[0], $"owner_{run}");
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Under load" }))["id"]!.GetValue<string>();
        // A member posts seven or eight times per 30 s window, and attempts refused during a fault count against the
        // budget too: the limit is raised so that the load meets the faults, not the posting limit.
        await owner.Http.Send(HttpMethod.Put, $"/api/circles/{circleId}/policy", new { postLimit = 1000, postWindowSeconds = 30, holdFirstPosts = 0 });
        var threadIds = new List<string>();
        for (var t = 0; t < ThreadCount; t++)
            threadIds.Add((await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = $"Thread {t}" }))["id"]!.GetValue<string>());

        var ledger = new LoadLedger();
        var clients = new LoadClient[ClientCount];
        using var gate = new SemaphoreSlim(SetupParallelism);
        await Task.WhenAll(Enumerable.Range(0, ClientCount).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                // Consecutive clients share a thread and sit on different nodes: each thread has five clients on each.
                var node = i % nodes.Count;
                using var member = await SignInAsync(nodes[node], $"load_{run}_{i}");
                await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
                clients[i] = await LoadClient.ConnectAsync(i, threadIds[i / 2 % ThreadCount], nodes, node, member.Token, ledger);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new CommentLoad(threadIds, clients, ledger);
    }

    /// <summary>Every client starts posting, each at its own moment within the first interval.</summary>
    public void Start()
    {
        foreach (var client in Clients) _posting.Add(PostSteadily(client, TimeSpan.FromMilliseconds(PostInterval.TotalMilliseconds * client.Index / ClientCount)));
    }

    /// <summary>Stops sending new posts and waits until every post sent is acknowledged.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        _giveUp.CancelAfter(PostPatience);
        await Task.WhenAll(_posting);
    }

    private async Task PostSteadily(LoadClient client, TimeSpan offset)
    {
        try
        {
            await Task.Delay(offset, _stop.Token);
            for (var n = 1; ; n++)
            {
                await client.PostUntilAcknowledged($"client {client.Index} comment {n}", _giveUp.Token);
                await Task.Delay(PostInterval, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !_giveUp.IsCancellationRequested)
        {
            // Stopped between two posts.
        }
    }

    private static async Task<Member> SignInAsync(Uri node, string handle)
    {
        var http = new HttpClient { BaseAddress = node };
        var response = await http.PostAsJsonAsync("/auth/dev-token", new { handle, displayName = handle });
        response.EnsureSuccessStatusCode();
        var token = (await response.Body())["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Member(http, token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _giveUp.CancelAsync();
        await Task.WhenAll(_posting.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        await Task.WhenAll(Clients.Select(c => c.DisposeAsync().AsTask()));
        _stop.Dispose();
        _giveUp.Dispose();
    }

    private sealed record Member(HttpClient Http, string Token) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
