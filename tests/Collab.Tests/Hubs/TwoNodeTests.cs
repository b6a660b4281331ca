using Collab.Tests.Infrastructure;

namespace Collab.Tests.Hubs;

/// <summary>
/// Two web nodes, each with its own silo, forming one Orleans cluster through PostgreSQL: what a client
/// writes through one node reaches a client of the other node live, whichever silo holds the grains.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeTests(PostgresServer server)
{
    /// <summary>Only a timeout: a loaded two-core machine running two silos may take seconds, and that is no failure here.</summary>
    private static readonly TimeSpan CrossNodePatience = TimeSpan.FromSeconds(60);

    private static (long Seq, string? Text, string? Author) Comment(System.Text.Json.JsonElement e) =>
        (e.GetProperty("seq").GetInt64(), e.GetProperty("payload").GetProperty("text").GetString(), e.GetProperty("actorId").GetString());

    private static Dictionary<string, string?> NodeSettings(string connectionString, string clusterId, TempFolder folder) =>
        ClusterNodeSettings.For(connectionString, clusterId, folder);

    [Fact]
    public async Task A_client_on_each_web_node_sees_the_others_comments_live()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"two-nodes-{Guid.NewGuid():N}";
        await using var nodeA = await CollabWebHost.StartAsync(NodeSettings(connectionString, clusterId, folder));
        await using var nodeB = await CollabWebHost.StartAsync(NodeSettings(connectionString, clusterId, folder));

        var ana = await nodeA.SignInAsync("ana_two_nodes");
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Across nodes" }))["id"]!.GetValue<string>();
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Hello" }))["id"]!.GetValue<string>();
        var ben = await nodeB.SignInAsync("ben_two_nodes");
        await ben.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var scope = $"thread:{threadId}";
        await using var anaClient = await HubClient.ConnectAsync(nodeA.Address, ana.Token);
        await using var benClient = await HubClient.ConnectAsync(nodeB.Address, ben.Token);
        await anaClient.Join(scope, 0);
        await benClient.Join(scope, 0);

        // How fast a push crosses nodes is the benchmark's business; here each must arrive, in order, complete.
        await anaClient.Post(threadId, "from node A");
        var atB = await benClient.NextEventWithin(scope, CrossNodePatience);
        var ownAtA = await anaClient.NextEventWithin(scope, CrossNodePatience);
        await benClient.Post(threadId, "from node B");
        var atA = await anaClient.NextEventWithin(scope, CrossNodePatience);
        var ownAtB = await benClient.NextEventWithin(scope, CrossNodePatience);

        // Seq 1 is the thread's creation.
        Assert.Equal((2L, "from node A", ana.MemberId), Comment(atB));
        Assert.Equal((3L, "from node B", ben.MemberId), Comment(atA));
        Assert.Equal(Comment(atB), Comment(ownAtA));
        Assert.Equal(Comment(atA), Comment(ownAtB));
    }

    [Fact]
    public async Task Live_events_keep_flowing_after_the_other_node_and_its_silo_are_gone()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"node-loss-{Guid.NewGuid():N}";
        await using var survivor = await CollabWebHost.StartAsync(NodeSettings(connectionString, clusterId, folder));
        var leaving = await CollabWebHost.StartAsync(NodeSettings(connectionString, clusterId, folder));

        var ana = await survivor.SignInAsync("ana_node_loss");
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Resilient" }))["id"]!.GetValue<string>();
        var scope = string.Empty;
        var threadIds = new List<string>();
        // Several threads, so that some of their grains (and feeds) live on the silo that will go away.
        for (var i = 0; i < 6; i++)
            threadIds.Add((await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = $"T{i}" }))["id"]!.GetValue<string>());
        await using var watcher = await HubClient.ConnectAsync(survivor.Address, ana.Token);
        await using (var writerOnLeaving = await HubClient.ConnectAsync(leaving.Address, ana.Token))
        {
            foreach (var id in threadIds)
            {
                await watcher.Join($"thread:{id}", 0);
                await writerOnLeaving.Post(id, "before");
                Assert.Equal(2, (await watcher.NextEvent($"thread:{id}")).GetProperty("seq").GetInt64());
            }
        }

        await leaving.DisposeAsync();

        await using var writer = await HubClient.ConnectAsync(survivor.Address, ana.Token);
        foreach (var id in threadIds)
        {
            await writer.Post(id, "after");
            var e = await watcher.NextEvent($"thread:{id}");
            Assert.Equal((3L, "after"), (e.GetProperty("seq").GetInt64(), e.GetProperty("payload").GetProperty("text").GetString()));
        }
    }
}
