using System.Text.Json;
using Collab.Tests.Api;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Tests.Hubs;

/// <summary>Live pushes follow membership: who may no longer read a scope is put out of it at once.</summary>
[Collection(SqliteWebHostCollection.Name)]
public sealed class AccessRevocationTests(SqliteWebHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static string Text(JsonElement e) => e.GetProperty("payload").GetProperty("text").GetString()!;

    [Fact]
    public async Task A_role_change_keeps_the_member_in_and_leaving_puts_them_out_of_the_circle_and_its_thread()
    {
        var owner = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var dan = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Inside" }))["id"]!.GetValue<string>();
        foreach (var member in new[] { ben, dan })
        {
            await owner.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/invitations", new { memberId = member.MemberId });
            await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
        }
        var (circle, thread) = ($"circle:{circleId}", $"thread:{threadId}");
        await using var observer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await observer.Join(thread, 0);
        await using var benClient = await HubClient.ConnectAsync(Host.Address, ben.Token);
        await benClient.Join(circle, 0);
        await benClient.Join(thread, 0);
        await using var danClient = await HubClient.ConnectAsync(Host.Address, dan.Token);
        await danClient.Join(thread, 0);

        await owner.Http.Send(HttpMethod.Put, $"/api/circles/{circleId}/members/{ben.MemberId}/role", new { role = "Moderator" });
        // Changes of access are handled in the order the circle logged them, so once Dan's leaving has put him
        // out, Ben's role change has been checked too.
        await dan.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/leave", new { });
        Assert.Equal(thread, (await danClient.NextRevoked()).GetProperty("scope").GetString());
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "Y" });

        Assert.Equal("Y", Text(await observer.NextEvent(thread)));
        Assert.Equal("Y", Text(await benClient.NextEvent(thread)));
        Assert.Empty(benClient.DrainRevoked());

        await ben.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/leave", new { });
        var revoked = new[] { await benClient.NextRevoked(), await benClient.NextRevoked() };
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "Z" });

        Assert.Equal([circle, thread], revoked.Select(r => r.GetProperty("scope").GetString()).Order());
        Assert.Equal("Z", Text(await observer.NextEvent(thread)));
        await benClient.Join($"member:{ben.MemberId}", 0);
        Assert.DoesNotContain(benClient.DrainEvents(thread), e => Text(e) == "Z");
        var refused = await Assert.ThrowsAsync<HubException>(() => benClient.Join(thread, 0));
        Assert.Contains("Forbidden", refused.Message);
    }

    [Fact]
    public async Task An_invited_reader_who_declines_is_put_out_of_the_invite_only_circles_thread()
    {
        var owner = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Inside" }))["id"]!.GetValue<string>();
        await owner.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/invitations", new { memberId = ben.MemberId });
        var thread = $"thread:{threadId}";
        await using var observer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await observer.Join(thread, 0);
        // An invitation lets Ben read before he answers it.
        await using var benClient = await HubClient.ConnectAsync(Host.Address, ben.Token);
        await benClient.Join(thread, 0);

        await ben.Http.Send(HttpMethod.Delete, $"/api/circles/{circleId}/invitations/me", new { });
        var revoked = await benClient.NextRevoked();
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "after declining" });

        Assert.Equal(thread, revoked.GetProperty("scope").GetString());
        Assert.Equal("after declining", Text(await observer.NextEvent(thread)));
        await benClient.Join($"member:{ben.MemberId}", 0);
        Assert.DoesNotContain(benClient.DrainEvents(thread), e => Text(e) == "after declining");
        Assert.Contains("Forbidden", (await Assert.ThrowsAsync<HubException>(() => benClient.Join(thread, 0))).Message);
    }

    [Fact]
    public async Task A_member_removed_from_an_invite_only_circle_is_put_out_of_it()
    {
        var owner = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Inside" }))["id"]!.GetValue<string>();
        await owner.Http.Send(HttpMethod.Post, $"/api/circles/{circleId}/invitations", new { memberId = ben.MemberId });
        await ben.Http.PostJson($"/api/circles/{circleId}/join", new { });
        var thread = $"thread:{threadId}";
        await using var observer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await observer.Join(thread, 0);
        await using var benClient = await HubClient.ConnectAsync(Host.Address, ben.Token);
        await benClient.Join(thread, 0);

        await owner.Http.Send(HttpMethod.Delete, $"/api/circles/{circleId}/members/{ben.MemberId}?reason=spam", new { });
        var revoked = await benClient.NextRevoked();
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "after removal" });

        Assert.Equal(thread, revoked.GetProperty("scope").GetString());
        Assert.Equal("after removal", Text(await observer.NextEvent(thread)));
        await benClient.Join($"member:{ben.MemberId}", 0);
        Assert.DoesNotContain(benClient.DrainEvents(thread), e => Text(e) == "after removal");
        Assert.Empty(observer.DrainRevoked());
    }

    [Fact]
    public async Task Readers_who_are_not_members_are_put_out_when_an_open_circle_becomes_invite_only()
    {
        var owner = await Host.SignInAsync();
        var guest = await Host.SignInAsync();
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Closing", visibility = "Open" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Inside" }))["id"]!.GetValue<string>();
        var thread = $"thread:{threadId}";
        await using var observer = await HubClient.ConnectAsync(Host.Address, owner.Token);
        await observer.Join(thread, 0);
        await using var guestClient = await HubClient.ConnectAsync(Host.Address, guest.Token);
        await guestClient.Join(thread, 0);

        await owner.Http.Send(HttpMethod.Patch, $"/api/circles/{circleId}", new { visibility = "InviteOnly" });
        var revoked = await guestClient.NextRevoked();
        await owner.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "members only" });

        Assert.Equal(thread, revoked.GetProperty("scope").GetString());
        Assert.Equal("members only", Text(await observer.NextEvent(thread)));
        await guestClient.Join($"member:{guest.MemberId}", 0);
        Assert.DoesNotContain(guestClient.DrainEvents(thread), e => Text(e) == "members only");
        Assert.Empty(observer.DrainRevoked());
    }
}
