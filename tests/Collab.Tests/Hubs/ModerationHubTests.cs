using System.Text.Json;
using Collab.Tests.Api;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Hubs;

/// <summary>Moderation as connected members live it, over real SignalR connections.</summary>
[Collection(SqliteWebHostCollection.Name)]
public sealed class ModerationHubTests(SqliteWebHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static string Text(JsonElement e) => e.GetProperty("payload").GetProperty("text").GetString()!;

    [Fact]
    public async Task A_held_post_reaches_others_without_its_words_and_arrives_whole_when_approved()
    {
        var owner = await Host.SignInAsync();
        var established = await Host.SignInAsync();
        var newcomer = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Young learners" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Hello" }))["id"]!.GetValue<string>();
        await established.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await owner.Http.Send(HttpMethod.Put, $"/api/circles/{circleId}/policy", new { postLimit = 10, postWindowSeconds = 30, holdFirstPosts = 1 });
        await newcomer.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var thread = $"thread:{threadId}";
        await using var watcher = await HubClient.ConnectAsync(Host.Address, established.Token);
        await watcher.Join(thread, 0);

        var held = await newcomer.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "my first words" });
        var heldEvent = await watcher.NextEvent(thread);
        await owner.Http.PostJson($"/api/threads/{threadId}/comments/{held["id"]!.GetValue<long>()}/approve", new { });
        var approvedEvent = await watcher.NextEvent(thread);

        Assert.True(held["held"]!.GetValue<bool>());
        Assert.Equal(("comment.held", ""), (heldEvent.GetProperty("kind").GetString(), Text(heldEvent)));
        Assert.Equal(("comment.approved", "my first words"), (approvedEvent.GetProperty("kind").GetString(), Text(approvedEvent)));
    }

    [Fact]
    public async Task A_member_banned_from_an_open_circle_is_put_out_of_it_and_hears_nothing_more()
    {
        var owner = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Open to all" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Talk" }))["id"]!.GetValue<string>();
        await ben.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var thread = $"thread:{threadId}";
        await using var observer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await observer.Join(thread, 0);
        await using var benClient = await HubClient.ConnectAsync(Host.Address, ben.Token);
        await benClient.Join(thread, 0);

        await owner.Http.Send(HttpMethod.Delete, $"/api/circles/{circleId}/members/{ben.MemberId}?reason=spam&ban=true", new { });
        var revoked = await benClient.NextRevoked();
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "after the ban" });

        Assert.Equal(thread, revoked.GetProperty("scope").GetString());
        Assert.Equal("after the ban", Text(await observer.NextEvent(thread)));
        await benClient.Join($"member:{ben.MemberId}", 0);
        Assert.DoesNotContain(benClient.DrainEvents(thread), e => Text(e) == "after the ban");
    }
}
