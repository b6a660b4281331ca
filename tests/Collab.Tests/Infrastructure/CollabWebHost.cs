using System.Net.Http.Headers;
using System.Net.Http.Json;
using Collab.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// The real Collab web host (Kestrel, co-hosted silo) on a free loopback port with its own storage, as a user
/// runs it; tests talk to it over real sockets.
/// </summary>
public sealed class CollabWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CollabWebHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a host; <paramref name="settings"/> override appsettings (storage, demo seeding, ...), and a test may
    /// add services (<paramref name="configure"/>) and endpoints (<paramref name="configureApp"/>) of its own.
    /// </summary>
    public static async Task<CollabWebHost> StartAsync(IDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? configureApp = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Sqlite",
            // Silo-to-silo traffic of test clusters stays on loopback.
            ["Collab:Cluster:AdvertisedIp"] = "127.0.0.1",
            ["Collab:Cluster:ClusterId"] = $"web-{Guid.NewGuid():N}",
            ["Collab:Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Collab:Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Collab:Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests write in bursts no person would; the limits have tests of their own with the defaults.
            ["Collab:Connections:HttpWriteBurst"] = "100000",
            ["Collab:Connections:CommandBurst"] = "100000",
            // Most tests' clients do not answer Draining by leaving, so a host they are still connected to would wait the
            // whole drain when it stops; the drain has tests of its own with the patience it needs.
            ["Collab:Drain:Timeout"] = "00:00:01",
        };
        foreach (var (key, value) in settings) all[key] = value;

        var (app, address) = await CollabWebApp.StartOnLoopbackAsync(all, "Development", configure, configureApp);
        return new CollabWebHost(app, address);
    }

    /// <summary>A single-node host on an SQLite file in <paramref name="folder"/>.</summary>
    public static Task<CollabWebHost> StartSqliteAsync(TempFolder folder, bool seed = false) => StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:Mode"] = "Sqlite",
        ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
        ["Collab:Demo:Seed"] = seed ? "true" : "false",
    });

    public HttpClient Anonymous() => new() { BaseAddress = Address };

    /// <summary>Signs in through the development issuer; the client carries the member's bearer token.</summary>
    public async Task<SignedIn> SignInAsync(string? handle = null, string? displayName = null)
    {
        handle ??= $"u{Guid.NewGuid():N}"[..14];
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/auth/dev-token", new { handle, displayName = displayName ?? handle });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
        return new SignedIn(client, token.Member.Id, token.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record SignedIn(HttpClient Http, string MemberId, string Token);

    private sealed record TokenBody(string Token, MemberBody Member);

    private sealed record MemberBody(string Id);
}
