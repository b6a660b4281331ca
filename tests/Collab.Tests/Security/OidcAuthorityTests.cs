using System.Net;
using System.Security.Cryptography;
using Collab.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Tests.Security;

public sealed class OidcAuthorityTests
{
    private static async Task<CollabWebHost> StartWith(TestIdentityProvider idp, TempFolder folder) => await CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
        ["Collab:Auth:Authority"] = idp.Authority,
        ["Collab:Auth:RequireHttpsMetadata"] = "false",
        ["Collab:Auth:DevIssuer"] = "false",
    });

    [Fact]
    public async Task Tokens_of_the_configured_authority_sign_in_a_member_created_on_first_use()
    {
        using var folder = new TempFolder();
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var host = await StartWith(idp, folder);
        using var http = host.Anonymous();
        http.DefaultRequestHeaders.Authorization = new("Bearer", idp.Issue("alice-123", "Alice.W", "Alice Wong"));

        var first = await http.GetAsync("/api/members/me");
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{first.StatusCode} {first.Headers.WwwAuthenticate}");
        var me = await first.Body();
        var again = await http.GetJson("/api/members/me");
        var circle = await http.PostJson("/api/circles", new { name = "Alice's circle" });
        await using var hub = await HubClient.ConnectAsync(host.Address, idp.Issue("alice-123", "Alice.W", "Alice Wong"));

        Assert.Equal(("alice_w", "Alice Wong"), (me["handle"]!.GetValue<string>(), me["displayName"]!.GetValue<string>()));
        Assert.Equal(me["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal(me["id"]!.GetValue<string>(), circle["createdBy"]!.GetValue<string>());
        Assert.True((await hub.Join($"circle:{circle["id"]!.GetValue<string>()}", 0)).GetProperty("reset").GetBoolean());
    }

    [Fact]
    public async Task Tokens_signed_by_another_key_or_for_another_audience_are_refused_and_the_dev_issuer_is_off()
    {
        static HttpContent DevToken() => System.Net.Http.Json.JsonContent.Create(new { handle = "eve" });
        using var folder = new TempFolder();
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var host = await StartWith(idp, folder);
        using var forged = host.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", idp.Issue("alice-123", "alice", "Alice", signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" }));
        using var otherAudience = host.Anonymous();
        otherAudience.DefaultRequestHeaders.Authorization = new("Bearer", idp.Issue("alice-123", "alice", "Alice", audience: "another-app"));
        using var anonymous = host.Anonymous();
        using var signedIn = host.Anonymous();
        signedIn.DefaultRequestHeaders.Authorization = new("Bearer", idp.Issue("alice-123", "Alice.W", "Alice Wong"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherAudience.GetAsync("/api/members/me")).StatusCode);
        // Without the issuer the route does not exist: a stranger meets the sign-in wall, a member finds nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/auth/dev-token", DevToken())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.PostAsync("/auth/dev-token", DevToken())).StatusCode);
    }
}
