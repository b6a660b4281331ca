using System.Diagnostics;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace Collab.Tests.Hubs;

[Collection(PostgresCollection.Name)]
public sealed class SiloDeathTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Live_events_resume_for_every_thread_after_a_web_node_and_its_silo_are_killed()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
            ["Collab:Cluster:ClusterId"] = $"silo-death-{Guid.NewGuid():N}",
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Auth:DevIssuer"] = "true",
        };
        await using var survivor = await CollabWebHost.StartAsync(settings);
        var doomed = await ExternalHost.StartWebNodeAsync(settings);
        var ana = await survivor.SignInAsync("ana_silo_death");
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Survivors" }))["id"]!.GetValue<string>();
        await using var watcher = await HubClient.ConnectAsync(survivor.Address, ana.Token);
        // Threads created and first used through the doomed node: many of their grains live on its silo.
        var threads = new List<string>();
        await using (var onDoomed = await HubClient.ConnectAsync(doomed.Address, ana.Token))
        {
            using var doomedHttp = new HttpClient { BaseAddress = doomed.Address };
            doomedHttp.DefaultRequestHeaders.Authorization = new("Bearer", ana.Token);
            for (var i = 0; i < 10; i++)
            {
                var id = (await doomedHttp.PostJson($"/api/circles/{circleId}/threads", new { title = $"T{i}" }))["id"]!.GetValue<string>();
                threads.Add(id);
                await watcher.Join($"thread:{id}", 0);
                await onDoomed.Post(id, "before");
                Assert.Equal(2, (await watcher.NextEvent($"thread:{id}")).GetProperty("seq").GetInt64());
            }
        }

        doomed.Kill();
        var clock = Stopwatch.StartNew();
        await using var writer = await HubClient.ConnectAsync(survivor.Address, ana.Token);
        foreach (var id in threads)
        {
            await PostUntilAccepted(writer, id, $"after-{id}");
            var e = await watcher.NextEventWithin($"thread:{id}", TimeSpan.FromSeconds(60));
            Assert.Equal((3L, "after"), (e.GetProperty("seq").GetInt64(), e.GetProperty("payload").GetProperty("text").GetString()));
        }
        output.WriteLine($"all 10 threads live again {clock.Elapsed.TotalSeconds:F1} s after the kill");
        await doomed.DisposeAsync();
    }

    /// <summary>
    /// Until the cluster declares the dead silo dead, calls to grains it held fail or time out; the client
    /// retries with the same command id, which is what makes the retry safe.
    /// </summary>
    private static async Task PostUntilAccepted(HubClient client, string threadId, string commandId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                await client.Post(threadId, "after", commandId);
                return;
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
