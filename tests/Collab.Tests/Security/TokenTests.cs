using System.Net;
using Collab.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Tests.Security;

[Collection(SecurityWorldCollection.Name)]
public sealed class TokenTests(SecurityWorld world)
{
    public static TheoryData<string> BadTokens => ["expired", "wrong-signature", "wrong-audience", "wrong-issuer", "unsigned", "garbage", "none"];

    private string? Make(string kind) => kind switch
    {
        "expired" => world.Token(world.Owner.MemberId, expires: DateTime.UtcNow.AddMinutes(-5)),
        "wrong-signature" => world.Token(world.Owner.MemberId, key: new SymmetricSecurityKey(new byte[32]) { KeyId = "collab-dev" }),
        "wrong-audience" => world.Token(world.Owner.MemberId, audience: "someone-else"),
        "wrong-issuer" => world.Token(world.Owner.MemberId, issuer: "https://evil.example"),
        "unsigned" => world.UnsignedToken(),
        "garbage" => "not-a-token",
        _ => null,
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_over_http(string kind)
    {
        using var http = world.ClientWith(Make(kind));

        var read = await http.GetAsync($"/api/circles/{world.OpenCircle}");
        var write = await http.PostAsync($"/api/threads/{world.OpenThread}/comments", System.Net.Http.Json.JsonContent.Create(new { text = "forged" }));

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_on_the_websocket(string kind)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(world.Host.Address, Make(kind) ?? ""));

        Assert.Contains("401", error.ToString());
    }

    [Fact]
    public async Task A_valid_token_is_accepted_on_both_so_the_refusals_are_about_the_token()
    {
        using var http = world.ClientWith(world.Token(world.Owner.MemberId));
        await using var hub = await HubClient.ConnectAsync(world.Host.Address, world.Token(world.Owner.MemberId));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/circles/{world.OpenCircle}")).StatusCode);
        Assert.True((await hub.Join($"circle:{world.OpenCircle}", 0)).GetProperty("reset").GetBoolean());
    }

    [Fact]
    public async Task The_token_is_taken_from_the_query_string_only_on_the_hub()
    {
        using var http = world.Host.Anonymous();

        var response = await http.GetAsync($"/api/circles/{world.OpenCircle}?access_token={world.Owner.Token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
