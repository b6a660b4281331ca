using System.Net;
using System.Net.Http.Json;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collab.Tests.Resilience;

/// <summary>
/// A real PostgreSQL server stopped and started again under a running Collab node (its own server, so the
/// PostgreSQL collection's tests never see it go down).
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_database_outage_is_a_clear_503_and_Unavailable_and_the_first_writes_after_the_restart_succeed_with_nothing_lost()
    {
        using var folder = new TempFolder();
        var logs = new CapturedLogs();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await _server.CreateDatabaseAsync(),
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"outage-{Guid.NewGuid():N}",
        }, builder => builder.Logging.AddProvider(logs));
        var ana = await host.SignInAsync("ana_outage");
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Outage circle" }))["id"]!.GetValue<string>();
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Through the outage" }))["id"]!.GetValue<string>();
        await using var hub = await HubClient.ConnectAsync(host.Address, ana.Token);
        var acknowledged = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"before {i}" });
            acknowledged.Add($"before {i}");
        }
        await hub.Post(threadId, "before, through the hub");
        acknowledged.Add("before, through the hub");

        await _server.StopAsync();

        var refusedWrite = await ana.Http.PostAsJsonAsync($"/api/threads/{threadId}/comments", new { text = "during the outage" });
        var refusedRead = await ana.Http.GetAsync($"/api/threads/{threadId}/comments?limit=200");
        var refusedNewScope = await ana.Http.PostAsJsonAsync("/api/circles", new { name = "Not now" });
        var refusedHub = await Assert.ThrowsAsync<HubException>(() => hub.Post(threadId, "during the outage, through the hub"));

        foreach (var refused in new[] { refusedWrite, refusedRead, refusedNewScope })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(503, (await refused.Body())["status"]!.GetValue<int>());
        }
        Assert.Contains("\"kind\":\"Unavailable\"", refusedHub.Message);
        Assert.Contains("\"retryAfter\":2", refusedHub.Message);

        await _server.StartAgainAsync();
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "after the outage" });
        acknowledged.Add("after the outage");

        // A restart no request noticed: every idle pooled connection died with the server, and the first write
        // through the event log, a new grain's state (Orleans' ADO.NET storage) and the hub must all succeed at once.
        await _server.StopAsync();
        await _server.StartAgainAsync();
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "after the restart" });
        acknowledged.Add("after the restart");
        var laterCircle = (await ana.Http.PostJson("/api/circles", new { name = "After the restart" }))["id"]!.GetValue<string>();
        await hub.Post(threadId, "after the restart, through the hub");
        acknowledged.Add("after the restart, through the hub");

        var comments = await ana.Http.GetJson($"/api/threads/{threadId}/comments?limit=200");
        Assert.Equal(acknowledged, comments["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        var events = await ana.Http.GetJson($"/api/threads/{threadId}/events?after=0");
        var seqs = events.AsArray().Select(e => e!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, acknowledged.Count + 1).Select(i => (long)i), seqs); // the creation, then each comment once
        Assert.Equal("After the restart", (await ana.Http.GetJson($"/api/circles/{laterCircle}"))["name"]!.GetValue<string>());
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Collab", StringComparison.Ordinal));
    }
}
