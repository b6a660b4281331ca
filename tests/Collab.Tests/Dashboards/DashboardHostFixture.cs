using Collab.Tests.Infrastructure;

namespace Collab.Tests.Dashboards;

/// <summary>A single-node web host with one platform moderator configured by handle, shared by the dashboard tests.</summary>
public sealed class DashboardHostFixture : IAsyncLifetime
{
    public const string PlatformModeratorHandle = "platform_watch";

    private readonly TempFolder _folder = new();

    public CollabWebHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = _folder.File("dev-signing.key"),
        ["Collab:Moderation:PlatformModerators:0"] = "@" + PlatformModeratorHandle,
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
