using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Collab.Grains.Abstractions.Activity;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Dashboards;

/// <summary>A failing dashboard never fails or changes posting: activity is reported one-way.</summary>
public sealed class ActivityIsolationTests
{
    [Fact]
    public async Task Posting_answers_the_same_while_every_activity_grain_call_fails()
    {
        using var folder = new TempFolder();
        var failing = new FailingActivity();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("key"),
        }, builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(failing));
        var owner = await host.SignInAsync();
        var member = await host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Isolated" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Talk" }))["id"]!.GetValue<string>();
        await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await using var watcher = await HubClient.ConnectAsync(host.Address, owner.Token);
        await watcher.Join($"thread:{threadId}", 0);
        await using var poster = await HubClient.ConnectAsync(host.Address, member.Token);
        var (healthyStatus, healthy) = await Post(member.Http, threadId, "Before", "before-1");
        var healthyHub = await poster.Post(threadId, "Before, live");

        failing.Start();
        // The failure is real: anything that waits for an activity grain's answer gets the error.
        var activity = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IActivityGrain>(circleId);
        await Assert.ThrowsAnyAsync<Exception>(() => activity.Get(owner.MemberId, false));
        await activity.Report(new ActivityReport(circleId, ActivityKind.CommentPosted, 1, DateTimeOffset.UtcNow));
        // Once the domain grains report (the moderation work, merged separately), every post below also makes one-way
        // calls that fail here; before that merge, the posts must answer the same all the same.
        var (status, posted) = await Post(member.Http, threadId, "During", "during-1");
        var (retryStatus, retried) = await Post(member.Http, threadId, "During", "during-1");
        var live = await poster.Post(threadId, "During, live");
        await member.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/leave", new { });
        await member.Http.PostJson($"/api/circles/{circleId}/join", new { });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (healthyStatus, status, retryStatus));
        Assert.Equal(Shape(healthy), Shape(posted));
        Assert.Equal(posted.ToJsonString(), retried.ToJsonString());
        Assert.Equal("During", posted["text"]!.GetValue<string>());
        Assert.Equal(healthyHub.EnumerateObject().Select(p => p.Name), live.EnumerateObject().Select(p => p.Name));
        var seen = new List<string>();
        while (!seen.Contains("During, live"))
            seen.Add((await watcher.NextEvent($"thread:{threadId}")).GetProperty("payload").GetProperty("text").GetString()!);
        Assert.Contains("During", seen);
        Assert.True(failing.Failures >= 2, $"only {failing.Failures} activity calls failed");
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient http, string threadId, string text, string commandId)
    {
        var response = await http.PostAsJsonAsync($"/api/threads/{threadId}/comments", new { text, commandId });
        return (response.StatusCode, (JsonObject)(await response.Body()));
    }

    private static string Shape(JsonObject body) => string.Join(",", body.Select(p => p.Key));
}
