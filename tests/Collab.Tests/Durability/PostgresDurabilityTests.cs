using Collab.Tests.Infrastructure;

namespace Collab.Tests.Durability;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDurabilityTests(PostgresServer server)
{
    [Fact]
    public async Task Comments_written_before_a_restart_are_all_read_back_after_it()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"durable-{Guid.NewGuid():N}",
        };
        string circleId, threadId, token;
        await using (var first = await CollabWebHost.StartAsync(settings))
        {
            var ana = await first.SignInAsync("ana_pg");
            token = ana.Token;
            circleId = (await ana.Http.PostJson("/api/circles", new { name = "Durable circle" }))["id"]!.GetValue<string>();
            threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Kept" }))["id"]!.GetValue<string>();
            for (var i = 1; i <= 40; i++) await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"comment {i} 🌍" });
        }

        await using var second = await CollabWebHost.StartAsync(settings);
        using var http = second.Anonymous();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var comments = await http.GetJson($"/api/threads/{threadId}/comments?limit=200");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"comment {i} 🌍"), comments["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Equal(41, (await http.GetJson($"/api/threads/{threadId}"))["lastSeq"]!.GetValue<long>()); // the creation, then 40 comments
        Assert.Equal("Durable circle", (await http.GetJson($"/api/circles/{circleId}"))["name"]!.GetValue<string>());
        Assert.Equal(42, (await http.PostJson($"/api/threads/{threadId}/comments", new { text = "after restart" }))["id"]!.GetValue<long>());
    }
}
