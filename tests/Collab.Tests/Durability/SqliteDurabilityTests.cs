using Collab.Tests.Infrastructure;

namespace Collab.Tests.Durability;

public sealed class SqliteDurabilityTests
{
    [Fact]
    public async Task Comments_written_before_a_restart_are_all_read_back_after_it()
    {
        using var folder = new TempFolder();
        string circleId, threadId, token;
        await using (var first = await CollabWebHost.StartSqliteAsync(folder))
        {
            var ana = await first.SignInAsync("ana_durable");
            token = ana.Token;
            circleId = (await ana.Http.PostJson("/api/circles", new { name = "Durable circle" }))["id"]!.GetValue<string>();
            threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Kept" }))["id"]!.GetValue<string>();
            for (var i = 1; i <= 40; i++) await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"comment {i} 🌍" });
        }

        await using var second = await CollabWebHost.StartSqliteAsync(folder);
        using var http = second.Anonymous();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var comments = await http.GetJson($"/api/threads/{threadId}/comments?limit=200");
        var thread = await http.GetJson($"/api/threads/{threadId}");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"comment {i} 🌍"), comments["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Equal(41, thread["lastSeq"]!.GetValue<long>()); // the creation, then 40 comments
        Assert.Equal("Durable circle", (await http.GetJson($"/api/circles/{circleId}"))["name"]!.GetValue<string>());
        Assert.Equal(42, (await http.PostJson($"/api/threads/{threadId}/comments", new { text = "after restart" }))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_first_start_seeds_the_four_learning_planet_circles_once()
    {
        using var folder = new TempFolder();
        string[] ids;
        await using (var first = await CollabWebHost.StartSqliteAsync(folder, seed: true))
        {
            var ana = await first.SignInAsync();
            ids = (await ana.Http.GetJson("/api/circles"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();
            foreach (var id in ids)
            {
                Assert.Single((await ana.Http.GetJson($"/api/circles/{id}/projects"))["items"]!.AsArray());
                var threadId = (await ana.Http.GetJson($"/api/circles/{id}/threads"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
                Assert.Single((await ana.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray());
            }
        }

        await using var second = await CollabWebHost.StartSqliteAsync(folder, seed: true);
        var ben = await second.SignInAsync();
        var again = (await ben.Http.GetJson("/api/circles"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();

        Assert.Equal(["celebration-of-learning", "learning-for-sustainability", "transitions-across-education", "youth-empowerment"], ids.Order());
        Assert.Equal(ids, again);
        var welcome = (await ben.Http.GetJson("/api/circles/youth-empowerment/threads"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        Assert.Single((await ben.Http.GetJson($"/api/threads/{welcome}/comments"))["items"]!.AsArray());
    }
}
