using Collab.Tests.Infrastructure;

namespace Collab.Tests.Hubs;

/// <summary>
/// A member who leaves an invite-only circle through one web node stops receiving its live events on another
/// web node at once, though their connection there stays open and joined nothing at the circle level.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccessRevocationTwoNodeTests(PostgresServer server)
{
    [Fact]
    public async Task Leaving_an_invite_only_circle_on_node_1_puts_the_members_connection_on_node_2_out_of_its_thread()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"revocation-{Guid.NewGuid():N}";
        await using var node1 = await CollabWebHost.StartAsync(ClusterNodeSettings.For(connectionString, clusterId, folder));
        await using var node2 = await CollabWebHost.StartAsync(ClusterNodeSettings.For(connectionString, clusterId, folder));
        var olga = await node1.SignInAsync("olga_revocation");
        var ben = await node2.SignInAsync("ben_revocation");
        var benOnNode1 = await node1.SignInAsync("ben_revocation");
        var privateCircle = (await olga.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var privateThread = (await olga.Http.PostJson($"/api/circles/{privateCircle}/threads", new { title = "Inside" }))["id"]!.GetValue<string>();
        await olga.Http.Send(HttpMethod.Post, $"/api/circles/{privateCircle}/invitations", new { memberId = ben.MemberId });
        await ben.Http.PostJson($"/api/circles/{privateCircle}/join", new { });
        var openCircle = (await olga.Http.PostJson("/api/circles", new { name = "Open" }))["id"]!.GetValue<string>();
        var openThread = (await olga.Http.PostJson($"/api/circles/{openCircle}/threads", new { title = "Outside" }))["id"]!.GetValue<string>();
        var (inside, outside) = ($"thread:{privateThread}", $"thread:{openThread}");
        await using var benInside = await HubClient.ConnectAsync(node2.Address, ben.Token);
        await benInside.Join(inside, 0);
        await using var benOutside = await HubClient.ConnectAsync(node2.Address, ben.Token);
        await benOutside.Join(outside, 0);
        await using var observer = await HubClient.ConnectAsync(node2.Address, olga.Token);
        await observer.Join(inside, 0);

        await benOnNode1.Http.Send(HttpMethod.Post, $"/api/circles/{privateCircle}/leave", new { });

        var revoked = await benInside.NextRevoked();
        Assert.Equal(inside, revoked.GetProperty("scope").GetString());
        Assert.Contains("invite-only", revoked.GetProperty("reason").GetString());
        await observer.WaitForPresence(inside, p => !HubClient.PresentMembers(p).Contains(ben.MemberId), HubClient.Patience);

        await olga.Http.PostJson($"/api/threads/{privateThread}/comments", new { text = "X" });
        await olga.Http.PostJson($"/api/threads/{openThread}/comments", new { text = "still open" });

        Assert.Equal("X", (await observer.NextEvent(inside)).GetProperty("payload").GetProperty("text").GetString());
        // A round trip on Ben's connection: whatever the node had sent it before the answer has arrived by now.
        await benInside.Join($"member:{ben.MemberId}", 0);
        Assert.Empty(benInside.DrainEvents(inside));
        Assert.Equal("still open", (await benOutside.NextEvent(outside)).GetProperty("payload").GetProperty("text").GetString());
        Assert.Empty(benOutside.DrainRevoked());
        Assert.Empty(benInside.DrainRevoked());
    }
}
