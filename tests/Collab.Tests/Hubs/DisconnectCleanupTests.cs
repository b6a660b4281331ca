using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Hubs;

/// <summary>Every step of a disconnect's cleanup runs, even when an earlier one fails.</summary>
public sealed class DisconnectCleanupTests
{
    [Fact]
    public async Task A_connection_whose_feed_refuses_to_unsubscribe_still_leaves_presence_and_gives_its_place_back()
    {
        using var folder = new TempFolder();
        var failing = new FailingUnsubscribes();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("key"),
            ["Collab:Connections:MaxConnectionsPerMember"] = "1",
        }, builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(failing));
        var ana = await host.SignInAsync();
        var ben = await host.SignInAsync();
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Cleanup" }))["id"]!.GetValue<string>();
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        await ben.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var scope = $"thread:{threadId}";
        await using var watcher = await HubClient.ConnectAsync(host.Address, ben.Token);
        await watcher.Join(scope, 0);
        var leaving = await HubClient.ConnectAsync(host.Address, ana.Token);
        await leaving.Join(scope, 0);
        await watcher.WaitForPresence(scope, p => HubClient.PresentMembers(p).Contains(ana.MemberId), HubClient.Patience);
        // Ana's connection is the only listener of her own inbox scope on this node, so closing it unsubscribes from
        // that feed first, and that call fails.
        failing.Fail($"member:{ana.MemberId}");

        await leaving.DisposeAsync();

        await watcher.WaitForPresence(scope, p => !HubClient.PresentMembers(p).Contains(ana.MemberId), HubClient.Patience);
        Assert.Equal(1, failing.Failures);
        await using var again = await HubClient.ConnectAsync(host.Address, ana.Token);
        Assert.True((await again.Join(scope, 0)).GetProperty("reset").GetBoolean());
    }
}
