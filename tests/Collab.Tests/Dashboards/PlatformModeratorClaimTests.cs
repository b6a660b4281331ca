using Collab.Tests.Infrastructure;
using Collab.Tests.Security;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Tests.Dashboards;

/// <summary>An OpenID Connect authority can make someone a platform moderator with a claim; nobody else becomes one.</summary>
public sealed class PlatformModeratorClaimTests
{
    [Fact]
    public async Task The_platform_moderator_claim_lets_its_holder_watch_all_circles_and_only_them()
    {
        using var folder = new TempFolder();
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:Authority"] = idp.Authority,
            ["Collab:Auth:RequireHttpsMetadata"] = "false",
            ["Collab:Auth:DevIssuer"] = "false",
        });
        var moderatorToken = idp.Issue("mod-1", "platform.mod", "Platform Mod",
            extraClaims: new Dictionary<string, object> { ["collab_role"] = "platform-moderator" });
        var otherToken = idp.Issue("user-1", "someone", "Someone", extraClaims: new Dictionary<string, object> { ["collab_role"] = "teacher" });
        await using var moderator = await HubClient.ConnectAsync(host.Address, moderatorToken);
        await using var other = await HubClient.ConnectAsync(host.Address, otherToken);

        var joined = await moderator.Join("dashboard:all", 0);
        var refused = await Assert.ThrowsAsync<HubException>(() => other.Join("dashboard:all", 0));

        Assert.True(joined.GetProperty("snapshot").GetProperty("activity").TryGetProperty("circles", out _));
        Assert.Contains("Forbidden", refused.Message);
    }
}
