using System.Net;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Operations;

/// <summary>
/// A web node stopped gracefully (two web nodes, each with its silo, one cluster in PostgreSQL) hands its hub
/// connections over: it turns unready and refuses new connections, tells its clients <c>Draining</c>, and they
/// reconnect to the other node and rejoin from their last seq, while a writer on the other node keeps posting.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GracefulDrainTests(PostgresServer server)
{
    /// <summary>Only a timeout: a loaded two-core machine moving grains between silos may take seconds.</summary>
    private static readonly TimeSpan CrossNodePatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Clients_of_a_draining_node_reconnect_to_the_other_node_and_resync_by_seq_with_no_loss_and_no_duplicate()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"drain-{Guid.NewGuid():N}";
        await using var staying = await CollabWebHost.StartAsync(ClusterNodeSettings.For(connectionString, clusterId, folder));
        // Patient enough for the test's three clients to note what the node answers while it drains.
        var leaving = await CollabWebHost.StartAsync(new Dictionary<string, string?>(ClusterNodeSettings.For(connectionString, clusterId, folder))
        {
            ["Collab:Drain:Timeout"] = "00:01:00",
        });
        var leavingAddress = leaving.Address;

        var owner = await staying.SignInAsync("drain_owner");
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Handed over" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Keep talking" }))["id"]!.GetValue<string>();
        var scope = $"thread:{threadId}";
        var readers = new List<Reader>();
        for (var i = 0; i < 3; i++)
        {
            var member = await leaving.SignInAsync($"drain_reader_{i}");
            await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
            readers.Add(await Reader.ConnectAsync(leavingAddress, member.Token, scope));
        }
        await using var writer = await HubClient.ConnectAsync(staying.Address, owner.Token);
        var acknowledged = new List<(long Seq, string Text)>();
        for (var i = 0; i < 10; i++) acknowledged.Add(await PostUntilAcknowledged(writer, threadId, $"before {i}"));
        foreach (var reader in readers) await reader.ReceiveUpTo(acknowledged[^1].Seq);

        // The writer keeps posting on the staying node while the other one stops.
        using var stopWriting = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; !stopWriting.IsCancellationRequested || i < 20; i++)
            {
                var ack = await PostUntilAcknowledged(writer, threadId, $"during {i}");
                lock (acknowledged) acknowledged.Add(ack);
            }
        });
        // On a thread of its own: the stop blocks its caller while the node drains, as SIGTERM's handler is blocked.
        var stopping = Task.Run(() => leaving.DisposeAsync().AsTask());

        var handedOver = await Task.WhenAll(readers.Select(r => r.HandOver(leavingAddress, staying.Address)));
        stopWriting.Cancel();
        await writing;
        await stopping;
        var last = acknowledged.Max(a => a.Seq);
        foreach (var reader in readers) await reader.ReceiveUpTo(last);

        // Told while the node still served HTTP: unready, and refusing a new hub connection.
        Assert.All(handedOver, h => Assert.Equal(HttpStatusCode.ServiceUnavailable, h.Readiness));
        Assert.All(handedOver, h => Assert.Contains("503", h.RefusedConnection));
        var expected = acknowledged.OrderBy(a => a.Seq).ToList();
        Assert.Equal(expected.Select(a => a.Seq), Enumerable.Range(2, expected.Count).Select(s => (long)s));
        foreach (var reader in readers)
        {
            Assert.Equal(expected, reader.Applied);
            Assert.True(reader.FromSecondNode > 0, "a reader received nothing through the staying node");
            await reader.DisposeAsync();
        }
        var stored = await owner.Http.GetJson($"/api/threads/{threadId}/comments?after=0&limit=200");
        Assert.Equal(expected.Select(a => a.Text), stored["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
    }

    /// <summary>Posts one comment, repeating it with the same command id while grains move between silos.</summary>
    private static async Task<(long Seq, string Text)> PostUntilAcknowledged(HubClient writer, string threadId, string text)
    {
        var commandId = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow + CrossNodePatience;
        while (true)
        {
            try
            {
                var comment = await writer.Post(threadId, text, commandId);
                return (comment.GetProperty("id").GetInt64(), text);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The same command id: a retry of a post that did land answers that post, never a second one.
            }
        }
    }

    /// <summary>
    /// A client as the browser's is: it applies a thread's events by seq (one after its last, anything at or below
    /// it already applied), and when told <c>Draining</c> it leaves, connects again (here: to the other node, as a
    /// load balancer would send it) and rejoins from its last seq.
    /// </summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly string _token;
        private readonly string _scope;
        private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private HubClient _client;
        private long _last;
        private bool _moved;

        private Reader(HubClient client, string token, string scope, long last)
        {
            (_client, _token, _scope, _last) = (client, token, scope, last);
            client.Connection.On("Draining", () => _draining.TrySetResult());
        }

        public List<(long Seq, string Text)> Applied { get; } = [];

        public int FromSecondNode { get; private set; }

        public static async Task<Reader> ConnectAsync(Uri node, string token, string scope)
        {
            var client = await HubClient.ConnectAsync(node, token);
            var reader = new Reader(client, token, scope, 0);
            reader._last = (await client.Join(scope, 0)).GetProperty("seq").GetInt64();
            return reader;
        }

        public async Task ReceiveUpTo(long seq)
        {
            while (_last < seq) Apply(await _client.NextEventWithin(_scope, CrossNodePatience));
        }

        /// <summary>Waits for Draining, notes what the node answers then, and moves to the other node.</summary>
        public async Task<(HttpStatusCode Readiness, string RefusedConnection)> HandOver(Uri leaving, Uri staying)
        {
            await _draining.Task.WaitAsync(CrossNodePatience);
            using var probe = new HttpClient { BaseAddress = leaving };
            var readiness = (await probe.GetAsync("/health/ready")).StatusCode;
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(leaving, _token));

            await _client.DisposeAsync();
            foreach (var e in _client.DrainEvents(_scope)) Apply(e);
            _client = await HubClient.ConnectAsync(staying, _token);
            _moved = true;
            var rejoined = await RejoinUntilAnswered();
            foreach (var e in rejoined.GetProperty("events").EnumerateArray()) Apply(e);
            return (readiness, refused.Message);
        }

        /// <summary>
        /// Rejoins as a client should: while the stopping node's silo hands its grains over, a call may be answered
        /// Unavailable with retry advice, and is asked again shortly (a join only reads, so asking again is safe).
        /// </summary>
        private async Task<JsonElement> RejoinUntilAnswered()
        {
            var deadline = DateTime.UtcNow + CrossNodePatience;
            while (true)
            {
                try
                {
                    return await _client.Join(_scope, _last);
                }
                catch (HubException ex) when (ex.Message.Contains("\"Unavailable\"") && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
            }
        }

        private void Apply(JsonElement e)
        {
            var seq = e.GetProperty("seq").GetInt64();
            if (seq <= _last) return;
            Assert.Equal(_last + 1, seq);
            Applied.Add((seq, e.GetProperty("payload").GetProperty("text").GetString()!));
            _last = seq;
            if (_moved) FromSecondNode++;
        }

        public ValueTask DisposeAsync() => _client.DisposeAsync();
    }
}
