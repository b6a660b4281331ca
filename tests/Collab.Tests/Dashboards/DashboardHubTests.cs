using System.Text.Json;
using Collab.Grains.Abstractions.Activity;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Dashboards;

/// <summary>Live dashboards over the hub: who may watch them, and that they move when people post.</summary>
public sealed class DashboardHubTests(DashboardHostFixture fixture) : IClassFixture<DashboardHostFixture>
{
    private CollabWebHost Host => fixture.Host;

    private sealed record World(CollabWebHost.SignedIn Owner, CollabWebHost.SignedIn Moderator, CollabWebHost.SignedIn Member,
        string CircleId, string ThreadId);

    /// <summary>A circle with an owner, a moderator, a plain member and a thread.</summary>
    private async Task<World> NewWorld()
    {
        var owner = await Host.SignInAsync();
        var moderator = await Host.SignInAsync();
        var member = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Watched" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Busy" }))["id"]!.GetValue<string>();
        await moderator.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await owner.Http.Send(HttpMethod.Put, $"/api/circles/{circleId}/members/{moderator.MemberId}/role", new { role = "Moderator" });
        return new World(owner, moderator, member, circleId, threadId);
    }

    [Fact]
    public async Task A_moderator_watching_the_circle_dashboard_sees_comments_per_minute_move_when_others_post()
    {
        var world = await NewWorld();
        var scope = $"dashboard:{world.CircleId}";
        await using var watcher = await HubClient.ConnectAsync(Host.Address, world.Moderator.Token);
        var joined = await watcher.Join(scope, 0);
        Assert.True(joined.GetProperty("reset").GetBoolean());
        Assert.Equal(0, CommentsPerMinute(joined.GetProperty("snapshot").GetProperty("activity")));
        await using var poster = await HubClient.ConnectAsync(Host.Address, world.Member.Token);

        await world.Member.Http.PostJson($"/api/threads/{world.ThreadId}/comments", new { text = "First" });
        await poster.Post(world.ThreadId, "Second");

        // Pushed about once a second; the deadline is only a timeout, generous for a loaded machine.
        var moved = await watcher.WaitForActivity(scope, a => CommentsPerMinute(a) >= 2, HubClient.Patience);
        // The hour's last bucket is the minute in progress: the two comments are in it or, if a minute began since,
        // in the one before.
        Assert.True(moved.GetProperty("commentsSeries").EnumerateArray().TakeLast(2).Sum(m => m.GetInt32()) >= 2);
        Assert.Equal(60, moved.GetProperty("commentsSeries").GetArrayLength());
    }

    [Theory]
    [InlineData("circle")]
    [InlineData("all")]
    public async Task A_plain_member_is_refused_each_kind_of_dashboard(string kind)
    {
        var world = await NewWorld();
        await using var member = await HubClient.ConnectAsync(Host.Address, world.Member.Token);

        var refused = await Assert.ThrowsAsync<HubException>(() => member.Join(kind == "all" ? "dashboard:all" : $"dashboard:{world.CircleId}", 0));

        Assert.Equal("Forbidden", Kind(refused));
    }

    [Fact]
    public async Task The_owner_of_a_circle_is_refused_all_circles_and_a_configured_platform_moderator_sees_every_circle()
    {
        var world = await NewWorld();
        await using var owner = await HubClient.ConnectAsync(Host.Address, world.Owner.Token);
        Assert.Equal("Forbidden", Kind(await Assert.ThrowsAsync<HubException>(() => owner.Join("dashboard:all", 0))));
        await owner.Join($"dashboard:{world.CircleId}", 0);
        var platform = await Host.SignInAsync(DashboardHostFixture.PlatformModeratorHandle);
        await using var watcher = await HubClient.ConnectAsync(Host.Address, platform.Token);
        await watcher.Join("dashboard:all", 0);

        var activity = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IActivityGrain>(world.CircleId);
        await activity.Report(new ActivityReport(world.CircleId, ActivityKind.CommentPosted, 1, DateTimeOffset.UtcNow));

        await watcher.WaitForActivity("dashboard:all", a => a.GetProperty("circles").EnumerateArray()
            .Any(c => c.GetProperty("circleId").GetString() == world.CircleId && CommentsPerMinute(c) >= 1), HubClient.Patience);
    }

    [Fact]
    public async Task A_moderator_who_is_made_a_plain_member_is_put_out_of_the_dashboard()
    {
        var world = await NewWorld();
        var scope = $"dashboard:{world.CircleId}";
        await using var watcher = await HubClient.ConnectAsync(Host.Address, world.Moderator.Token);
        await watcher.Join(scope, 0);

        await world.Owner.Http.Send(HttpMethod.Put, $"/api/circles/{world.CircleId}/members/{world.Moderator.MemberId}/role", new { role = "Member" });

        Assert.Equal(scope, (await watcher.NextRevoked()).GetProperty("scope").GetString());
        Assert.Equal("Forbidden", Kind(await Assert.ThrowsAsync<HubException>(() => watcher.Join(scope, 0))));
    }

    private static int CommentsPerMinute(JsonElement activity) => activity.GetProperty("commentsPerMinute").GetInt32();

    private static string Kind(HubException error) =>
        JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement.GetProperty("kind").GetString()!;
}
