using Collab.Grains.Abstractions.Live;
using Collab.Tests.Infrastructure;
using Collab.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Hubs;

/// <summary>
/// The limit on a member's hub connections holds across web nodes: one grain per member counts what every
/// node reports, and a node forgets a member whose last connection there closed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionLimitAcrossNodesTests(PostgresServer server)
{
    private const int Limit = 3;

    [Fact]
    public async Task Connections_on_both_nodes_count_against_one_limit_and_a_closed_one_frees_its_place()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"connection-limit-{Guid.NewGuid():N}";
        Dictionary<string, string?> Node()
        {
            var settings = ClusterNodeSettings.For(connectionString, clusterId, folder);
            settings["Collab:Connections:MaxConnectionsPerMember"] = Limit.ToString();
            return settings;
        }
        await using var nodeA = await CollabWebHost.StartAsync(Node());
        await using var nodeB = await CollabWebHost.StartAsync(Node());
        var ana = await nodeA.SignInAsync("ana_connection_limit");
        var ben = await nodeB.SignInAsync("ben_connection_limit");
        var circleId = (await ben.Http.PostJson("/api/circles", new { name = "Many tabs" }))["id"]!.GetValue<string>();
        var threadId = (await ben.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        var scope = $"thread:{threadId}";
        // Ben watches who is live in the thread: Ana's connections leave it only after their places were given
        // back (the limit filter gives the place back before the hub clears presence), so he sees when one closed.
        await using var watcher = await HubClient.ConnectAsync(nodeB.Address, ben.Token);
        await watcher.Join(scope, 0);
        async Task<HubClient> Open(CollabWebHost node)
        {
            var client = await HubClient.ConnectAsync(node.Address, ana.Token);
            await client.Join(scope, 0);
            return client;
        }
        Task AnaLiveIn(int connections) => watcher.WaitForPresence(scope,
            p => HubClient.PresentMembers(p).Count(m => m == ana.MemberId) == connections, HubClient.Patience);

        var first = await Open(nodeA);
        var second = await Open(nodeB);
        var third = await Open(nodeA);
        await AnaLiveIn(3);
        var refusedOnA = await Refusal(nodeA, ana.Token);
        var refusedOnB = await Refusal(nodeB, ana.Token);
        await second.DisposeAsync();
        await AnaLiveIn(2);
        var fourth = await Open(nodeB);

        Assert.Contains("Too many open connections", refusedOnA);
        Assert.Contains("Too many open connections", refusedOnB);
        Assert.Equal(3, await Grain(nodeA, ana.MemberId).Count());
        await first.DisposeAsync();
        await third.DisposeAsync();
        await fourth.DisposeAsync();
        await AnaLiveIn(0);
        Assert.DoesNotContain(ana.MemberId, nodeA.Services.GetRequiredService<MemberConnections>().Members);
        Assert.DoesNotContain(ana.MemberId, nodeB.Services.GetRequiredService<MemberConnections>().Members);
        Assert.Contains(ben.MemberId, nodeB.Services.GetRequiredService<MemberConnections>().Members);
        Assert.Equal(0, await Grain(nodeA, ana.MemberId).Count());
    }

    private static IMemberConnectionsGrain Grain(CollabWebHost node, string memberId) =>
        node.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberConnectionsGrain>(memberId);

    /// <summary>Why the server refused a new connection (it says so right after the handshake, then closes it).</summary>
    private static async Task<string> Refusal(CollabWebHost node, string token)
    {
        await using var client = await HubClient.ConnectAsync(node.Address, token);
        var refusal = await client.Refused.WaitAsync(HubClient.Patience);
        await client.Closed.WaitAsync(HubClient.Patience);
        return refusal.GetProperty("detail").GetString()!;
    }
}
