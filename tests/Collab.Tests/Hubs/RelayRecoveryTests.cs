using Collab.Grains.Abstractions.Live;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Collab.Tests.Hubs;

public sealed class RelayRecoveryTests
{
    /// <summary>
    /// A deactivated feed grain forgets its observers, so the pushes right after it are lost; the web node's
    /// next renewal subscribes again and reads the missed events from the log, in order, without duplicates.
    /// </summary>
    [Fact]
    public async Task Events_pushed_while_the_feed_grain_had_forgotten_its_subscribers_arrive_at_the_next_renewal()
    {
        using var folder = new TempFolder();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("key"),
            ["Collab:Live:SubscriptionRefresh"] = "00:00:03",
        });
        var ana = await host.SignInAsync();
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Recovery" }))["id"]!.GetValue<string>();
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        var scope = $"thread:{threadId}";
        await using var watcher = await HubClient.ConnectAsync(host.Address, ana.Token);
        await watcher.Join(scope, 0);
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "one" });
        Assert.Equal(2, (await watcher.NextEvent(scope)).GetProperty("seq").GetInt64());

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IScopeFeedGrain>(scope).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "two" });
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "three" });

        var second = await watcher.NextEvent(scope);
        var third = await watcher.NextEvent(scope);
        Assert.Equal((3L, "two"), (second.GetProperty("seq").GetInt64(), second.GetProperty("payload").GetProperty("text").GetString()));
        Assert.Equal((4L, "three"), (third.GetProperty("seq").GetInt64(), third.GetProperty("payload").GetProperty("text").GetString()));
        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "four" });
        Assert.Equal(5, (await watcher.NextEvent(scope)).GetProperty("seq").GetInt64());
        Assert.Empty(watcher.DrainEvents(scope));
    }
}
