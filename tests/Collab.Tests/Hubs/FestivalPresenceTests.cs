using System.Collections.Concurrent;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Hubs;

/// <summary>
/// A crowded scope's presence is a count plus the most recent arrivals, and its pushes are coalesced, so people
/// joining a festival thread cost O(N) bounded messages rather than the whole list to everyone on every join.
/// The threshold here is 3 (10,000 is for the benchmark, tools/Collab.Bench).
/// </summary>
public sealed class FestivalPresenceTests
{
    private const int Joiners = 8;

    [Fact]
    public async Task Beyond_the_threshold_presence_is_a_count_and_the_latest_arrivals_and_joins_share_pushes()
    {
        using var folder = new TempFolder();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("key"),
            ["Collab:Live:PresenceSummaryThreshold"] = "3",
            ["Collab:Live:PresenceRecentEntries"] = "2",
            // Long enough that the joins below fall in one or two intervals even on a loaded machine; the
            // assertions count pushes and never measure time.
            ["Collab:Live:PresencePushInterval"] = "00:00:05",
        });
        var owner = await host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Festival" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Opening" }))["id"]!.GetValue<string>();
        var scope = $"thread:{threadId}";
        await using var watcher = await HubClient.ConnectAsync(host.Address, owner.Token);
        var pushes = new ConcurrentQueue<JsonElement>();
        watcher.Connection.On<JsonElement>("Presence", p =>
        {
            if (p.GetProperty("scope").GetString() == scope) pushes.Enqueue(p);
        });
        await watcher.Join(scope, 0);
        var members = new List<CollabWebHost.SignedIn>();
        var clients = new List<HubClient>();
        for (var i = 0; i < Joiners; i++)
        {
            var member = await host.SignInAsync();
            await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
            members.Add(member);
            clients.Add(await HubClient.ConnectAsync(host.Address, member.Token));
        }

        JsonElement lastJoin = default;
        foreach (var client in clients) lastJoin = await client.Join(scope, 0);
        var summarized = await watcher.WaitForPresence(scope,
            p => p.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object
                 && s.GetProperty("members").GetInt32() == Joiners + 1, TimeSpan.FromSeconds(60));

        // The last joiner's own answer is already the summary (read from the grain, not pushed).
        Assert.Equal(Joiners + 1, lastJoin.GetProperty("presence").GetProperty("summary").GetProperty("members").GetInt32());
        var summary = summarized.GetProperty("summary");
        Assert.Equal(Joiners + 1, summary.GetProperty("connections").GetInt32());
        // The two most recent arrivals, newest first.
        Assert.Equal([members[^1].MemberId, members[^2].MemberId], HubClient.PresentMembers(summarized));
        // Eight joins, one at a time: without coalescing the watcher would get a push for each of them.
        Assert.InRange(pushes.Count, 1, Joiners / 2);
        foreach (var client in clients) await client.DisposeAsync();
    }
}
