using System.Text.Json;
using Collab.Tests.Api;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Hubs;

[Collection(SqliteWebHostCollection.Name)]
public sealed class HubTests(SqliteWebHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    /// <summary>A circle owned by a new member, with a thread; returns the owner and the thread id.</summary>
    private async Task<(CollabWebHost.SignedIn Owner, string CircleId, string ThreadId)> NewThread()
    {
        var owner = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Live circle" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Live thread" }))["id"]!.GetValue<string>();
        return (owner, circleId, threadId);
    }

    private async Task<CollabWebHost.SignedIn> Member(string circleId)
    {
        var member = await Host.SignInAsync();
        await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
        return member;
    }

    private static long[] Seqs(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("seq").GetInt64()).ToArray();

    [Fact]
    public async Task Joining_with_seq_zero_answers_a_snapshot_and_then_streams_live_events()
    {
        var (owner, _, threadId) = await NewThread();
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "before join" });
        await using var client = await HubClient.ConnectAsync(Host.Address, owner.Token);

        var joined = await client.Join($"thread:{threadId}", 0);
        await client.Post(threadId, "after join");
        var live = await client.NextEvent($"thread:{threadId}");

        Assert.True(joined.GetProperty("reset").GetBoolean());
        // Seq 1 is the thread's creation, seq 2 the first comment.
        Assert.Equal(2, joined.GetProperty("seq").GetInt64());
        Assert.Equal("before join", joined.GetProperty("snapshot").GetProperty("comments").GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Equal((3L, "comment.posted"), (live.GetProperty("seq").GetInt64(), live.GetProperty("kind").GetString()));
        Assert.Equal("after join", live.GetProperty("payload").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_client_that_was_cut_off_gets_exactly_the_50_comments_it_missed_in_order_when_it_rejoins()
    {
        var (owner, circleId, threadId) = await NewThread();
        var reader = await Member(circleId);
        var scope = $"thread:{threadId}";
        await using var writer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await writer.Post(threadId, "seen by everyone");
        long lastSeen;
        await using (var proxy = new BlackholeProxy(Host.Address))
        {
            var cut = await HubClient.ConnectAsync(proxy.Address, reader.Token);
            lastSeen = (await cut.Join(scope, 0)).GetProperty("seq").GetInt64();
            proxy.Blackhole();

            for (var i = 1; i <= 50; i++) await writer.Post(threadId, $"missed {i}");
            Assert.Empty(cut.DrainEvents(scope));
            _ = cut.DisposeAsync().AsTask();
        }

        await using var back = await HubClient.ConnectAsync(Host.Address, reader.Token);
        var rejoined = await back.Join(scope, lastSeen);

        var events = rejoined.GetProperty("events").EnumerateArray().ToList();
        Assert.False(rejoined.GetProperty("reset").GetBoolean());
        Assert.Equal(Enumerable.Range((int)lastSeen + 1, 50).Select(i => (long)i), Seqs(events));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"missed {i}"), events.Select(e => e.GetProperty("payload").GetProperty("text").GetString()));
        Assert.Equal(lastSeen + 50, rejoined.GetProperty("seq").GetInt64());
        await writer.Post(threadId, "live again");
        Assert.Equal(lastSeen + 51, (await back.NextEvent(scope)).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task The_same_command_id_sent_three_times_creates_one_comment()
    {
        var (owner, _, threadId) = await NewThread();
        await using var client = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await client.Join($"thread:{threadId}", 0);

        var results = new List<JsonElement>();
        for (var i = 0; i < 3; i++) results.Add(await client.Post(threadId, "only once", "command-42"));

        Assert.All(results, r => Assert.Equal(2, r.GetProperty("id").GetInt64()));
        Assert.Single((await owner.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray());
        Assert.Equal(2, (await client.NextEvent($"thread:{threadId}")).GetProperty("seq").GetInt64());
        await client.Post(threadId, "next");
        Assert.Equal(3, (await client.NextEvent($"thread:{threadId}")).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Replies_edits_and_reactions_arrive_as_events_with_consecutive_seqs()
    {
        var (owner, circleId, threadId) = await NewThread();
        var other = await Member(circleId);
        await using var watcher = await HubClient.ConnectAsync(Host.Address, other.Token);
        await watcher.Join($"thread:{threadId}", 0);
        await using var actor = await HubClient.ConnectAsync(Host.Address, owner.Token);

        var question = await actor.Post(threadId, "question");
        var id = question.GetProperty("id").GetInt64();
        await actor.Post(threadId, "answer", parentId: id);
        await actor.Connection.InvokeAsync<JsonElement>("EditComment", threadId, id, "better question", Guid.NewGuid().ToString());
        await actor.Connection.InvokeAsync<JsonElement>("React", threadId, id, "🌱", Guid.NewGuid().ToString());

        var events = new List<JsonElement>();
        for (var i = 0; i < 4; i++) events.Add(await watcher.NextEvent($"thread:{threadId}"));
        Assert.Equal([2L, 3, 4, 5], Seqs(events));
        Assert.Equal(["comment.posted", "comment.posted", "comment.edited", "comment.reacted"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(id, events[1].GetProperty("payload").GetProperty("parentId").GetInt64());
    }

    [Fact]
    public async Task Domain_errors_reach_the_client_as_one_json_shape_and_change_nothing()
    {
        var (owner, circleId, threadId) = await NewThread();
        await owner.Http.PutAsync($"/api/threads/{threadId}/lock", System.Net.Http.Json.JsonContent.Create(new { locked = true }));
        var member = await Member(circleId);
        await using var client = await HubClient.ConnectAsync(Host.Address, member.Token);

        var locked = await Assert.ThrowsAsync<HubException>(() => client.Post(threadId, "let me in"));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => client.Post(threadId, new string('x', 10_001)));
        var badScope = await Assert.ThrowsAsync<HubException>(() => client.Join("../../etc/passwd", 0));

        Assert.Contains("\"kind\":\"Forbidden\"", locked.Message);
        Assert.Contains("\"field\":\"text\"", tooLong.Message);
        Assert.Contains("\"field\":\"scope\"", badScope.Message);
        Assert.Empty((await owner.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_non_member_cannot_join_an_invite_only_circle_or_its_threads()
    {
        var owner = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Secret" }))["id"]!.GetValue<string>();
        var stranger = await Host.SignInAsync();
        await using var client = await HubClient.ConnectAsync(Host.Address, stranger.Token);

        Assert.Contains("Forbidden", (await Assert.ThrowsAsync<HubException>(() => client.Join($"circle:{circleId}", 0))).Message);
        Assert.Contains("Forbidden", (await Assert.ThrowsAsync<HubException>(() => client.Join($"thread:{threadId}", 0))).Message);
        Assert.Contains("Forbidden", (await Assert.ThrowsAsync<HubException>(() => client.Join($"member:{owner.MemberId}", 0))).Message);
    }

    [Fact]
    public async Task A_mention_reaches_the_mentioned_member_live()
    {
        var (owner, circleId, threadId) = await NewThread();
        var ben = await Member(circleId);
        var benHandle = (await ben.Http.GetJson("/api/members/me"))["handle"]!.GetValue<string>();
        await using var benClient = await HubClient.ConnectAsync(Host.Address, ben.Token);
        await benClient.Join($"member:{ben.MemberId}", 0);
        await using var writer = await HubClient.ConnectAsync(Host.Address, owner.Token);

        await writer.Post(threadId, $"Over to you, @{benHandle}");

        var mention = await benClient.NextEvent($"member:{ben.MemberId}");
        Assert.Equal("inbox.mention", mention.GetProperty("kind").GetString());
        Assert.Equal(threadId, mention.GetProperty("payload").GetProperty("threadId").GetString());
    }

    [Fact]
    public async Task Presence_rolls_up_from_a_thread_to_its_circle_and_shows_typing()
    {
        var (owner, circleId, threadId) = await NewThread();
        var ana = await Member(circleId);
        await using var circleWatcher = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await circleWatcher.Join($"circle:{circleId}", 0);
        await using var anaClient = await HubClient.ConnectAsync(Host.Address, ana.Token);

        await anaClient.Join($"thread:{threadId}", 0);
        await circleWatcher.WaitForPresence($"circle:{circleId}", p => HubClient.PresentMembers(p).Contains(ana.MemberId), HubClient.Patience);
        await anaClient.Connection.InvokeAsync("SetActivity", $"thread:{threadId}", "Typing");

        await circleWatcher.WaitForPresence($"circle:{circleId}", p => p.GetProperty("entries").EnumerateArray()
            .Any(e => e.GetProperty("memberId").GetString() == ana.MemberId && e.GetProperty("activity").GetString() == "Typing"
                      && e.GetProperty("where").GetString() == $"thread:{threadId}"), HubClient.Patience);
    }

    /// <summary>
    /// A connection that goes silent (no close, no pings) is noticed by the server's client timeout (20 s), which
    /// ends its presence. The deadline below is only how long to wait before calling it a failure, generous for a
    /// loaded machine; what is asserted is the snapshot itself.
    /// </summary>
    [Fact]
    public async Task A_client_that_vanishes_without_leaving_is_removed_from_presence_and_the_others_stay()
    {
        var (owner, circleId, threadId) = await NewThread();
        var ghost = await Member(circleId);
        var scope = $"thread:{threadId}";
        await using var watcher = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await watcher.Join(scope, 0);
        await using var proxy = new BlackholeProxy(Host.Address);
        var vanishing = await HubClient.ConnectAsync(proxy.Address, ghost.Token);
        await vanishing.Join(scope, 0);
        await watcher.WaitForPresence(scope, p => HubClient.PresentMembers(p).Contains(ghost.MemberId), HubClient.Patience);

        proxy.Blackhole();
        var after = await watcher.WaitForPresence(scope, p => !HubClient.PresentMembers(p).Contains(ghost.MemberId), TimeSpan.FromSeconds(120));

        Assert.Equal([owner.MemberId], HubClient.PresentMembers(after).Distinct());
        _ = vanishing.DisposeAsync().AsTask();
    }
}
