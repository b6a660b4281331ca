using System.Text.Json.Nodes;
using Collab.Tests.Api;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Hubs;

/// <summary>Read state across a member's devices, live thread summaries in a circle and reply notices, over the real host.</summary>
[Collection(SqliteWebHostCollection.Name)]
public sealed class ReadStateHubTests(SqliteWebHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private async Task<(CollabWebHost.SignedIn Owner, string CircleId, string ThreadId)> NewThread()
    {
        var owner = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Reading circle" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Reading thread" }))["id"]!.GetValue<string>();
        return (owner, circleId, threadId);
    }

    private static JsonNode UnreadOf(JsonNode listed, string threadId) =>
        listed.AsArray().Single(t => t!["threadId"]!.GetValue<string>() == threadId)!;

    [Fact]
    public async Task A_thread_read_on_one_device_is_read_on_the_members_other_device_live_and_after_a_reload()
    {
        var (owner, circleId, threadId) = await NewThread();
        var handle = $"r{Guid.NewGuid():N}"[..14];
        var laptop = await Host.SignInAsync(handle);
        var phone = await Host.SignInAsync(handle);
        await laptop.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var comments = new List<long>();
        for (var i = 0; i < 2; i++)
            comments.Add((await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"news {i}" }))["id"]!.GetValue<long>());
        await using var phoneClient = await HubClient.ConnectAsync(Host.Address, phone.Token);
        await phoneClient.Join($"member:{phone.MemberId}", 0);
        var before = UnreadOf(await phone.Http.GetJson($"/api/circles/{circleId}/unread"), threadId);

        await laptop.Http.Send(HttpMethod.Put, $"/api/threads/{threadId}/read", new { upTo = comments[^1] });

        var pushed = await phoneClient.NextEvent($"member:{phone.MemberId}");
        var after = UnreadOf(await phone.Http.GetJson($"/api/circles/{circleId}/unread"), threadId);
        var mark = await phone.Http.GetJson($"/api/threads/{threadId}/read");
        Assert.Equal(laptop.MemberId, phone.MemberId);
        Assert.Equal(2, before["unread"]!.GetValue<int>());
        Assert.Equal(("thread.read", threadId, comments[^1]), (pushed.GetProperty("kind").GetString(),
            pushed.GetProperty("payload").GetProperty("mark").GetProperty("threadId").GetString(),
            pushed.GetProperty("payload").GetProperty("mark").GetProperty("upTo").GetInt64()));
        Assert.Equal((0, comments[^1]), (after["unread"]!.GetValue<int>(), after["lastReadCommentId"]!.GetValue<long>()));
        Assert.Equal(comments[^1], mark["upTo"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_new_comment_pushes_its_threads_summary_to_whoever_watches_the_circle()
    {
        var (owner, circleId, threadId) = await NewThread();
        var watcher = await Host.SignInAsync();
        await watcher.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await using var watching = await HubClient.ConnectAsync(Host.Address, watcher.Token);
        await watching.Join($"circle:{circleId}", 0);

        var comment = (await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "Fresh news" }))["id"]!.GetValue<long>();

        var activity = await watching.WaitForThreadActivity(a => a.GetProperty("threadId").GetString() == threadId);
        Assert.Equal((1, owner.MemberId, comment, $"circle:{circleId}"), (activity.GetProperty("commentCount").GetInt32(),
            activity.GetProperty("lastCommentBy").GetString(), activity.GetProperty("lastCommentId").GetInt64(), activity.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task A_reply_reaches_the_parent_authors_inbox_live()
    {
        var (owner, circleId, threadId) = await NewThread();
        var ana = await Host.SignInAsync();
        await ana.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var question = (await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "Any **news**?" }))["id"]!.GetValue<long>();
        await using var anaClient = await HubClient.ConnectAsync(Host.Address, ana.Token);
        await anaClient.Join($"member:{ana.MemberId}", 0);

        var answer = (await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "Yes!", parentId = question }))["id"]!.GetValue<long>();

        var notice = await anaClient.NextEvent($"member:{ana.MemberId}");
        Assert.Equal(("inbox.reply", answer, "reply"), (notice.GetProperty("kind").GetString(),
            notice.GetProperty("payload").GetProperty("commentId").GetInt64(), notice.GetProperty("payload").GetProperty("reason").GetString()));
        var inbox = await ana.Http.GetJson("/api/members/me/inbox");
        Assert.Equal((answer, notice.GetProperty("payload").GetProperty("cursor").GetString(), 1),
            (inbox["items"]![0]!["commentId"]!.GetValue<long>(), inbox["items"]![0]!["cursor"]!.GetValue<string>(), inbox["unread"]!.GetValue<int>()));
    }
}
