using System.Text;
using Collab.Tests.Infrastructure;
using Collab.Web.Auth;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Tests.Security;

/// <summary>
/// A running host with an owner's private circle (thread, comment, project), an open circle the attacker
/// belongs to (with the owner's thread and comment), and an attacker: the world the security tests attack.
/// </summary>
public sealed class SecurityWorld : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public CollabWebHost Host { get; private set; } = null!;
    public CollabWebHost.SignedIn Owner { get; private set; } = null!;
    public CollabWebHost.SignedIn Attacker { get; private set; } = null!;
    public string OwnerHandle { get; private set; } = "";
    public string PrivateCircle { get; private set; } = "";
    public string PrivateThread { get; private set; } = "";
    public string PrivateProject { get; private set; } = "";
    public string OpenCircle { get; private set; } = "";
    public string OpenThread { get; private set; } = "";
    public string OpenProject { get; private set; } = "";
    public long OwnerComment { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await CollabWebHost.StartSqliteAsync(_folder);
        Owner = await Host.SignInAsync("owner_secure", "Owner");
        OwnerHandle = "owner_secure";
        Attacker = await Host.SignInAsync("mallory", "Mallory");
        PrivateCircle = (await Owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        PrivateThread = (await Owner.Http.PostJson($"/api/circles/{PrivateCircle}/threads", new { title = "Secret" }))["id"]!.GetValue<string>();
        await Owner.Http.PostJson($"/api/threads/{PrivateThread}/comments", new { text = "private words" });
        PrivateProject = (await Owner.Http.PostJson($"/api/circles/{PrivateCircle}/projects", new { title = "Hidden project" }))["id"]!.GetValue<string>();
        OpenCircle = (await Owner.Http.PostJson("/api/circles", new { name = "Open" }))["id"]!.GetValue<string>();
        OpenThread = (await Owner.Http.PostJson($"/api/circles/{OpenCircle}/threads", new { title = "Public" }))["id"]!.GetValue<string>();
        OwnerComment = (await Owner.Http.PostJson($"/api/threads/{OpenThread}/comments", new { text = "owner's words" }))["id"]!.GetValue<long>();
        await Attacker.Http.PostJson($"/api/circles/{OpenCircle}/join", new { });
        OpenProject = (await Owner.Http.PostJson($"/api/circles/{OpenCircle}/projects", new { title = "Shared notes" }))["id"]!.GetValue<string>();
        await using var editor = await HubClient.ConnectAsync(Host.Address, Owner.Token);
        await editor.Connection.InvokeAsync<System.Text.Json.JsonElement>("OpenDocument", OpenProject, 0L);
        await editor.Connection.InvokeAsync<System.Text.Json.JsonElement>("SubmitOperation", OpenProject, 0L,
            System.Text.Json.JsonDocument.Parse("[\"Notes 🌱 of the circle\"]").RootElement, "seed-op");
    }

    /// <summary>Everything an attack could change, read as the owner and the attacker; equal strings mean nothing changed.</summary>
    public async Task<string> StateFingerprint()
    {
        var urls = new[]
        {
            $"/api/circles/{PrivateCircle}", $"/api/threads/{PrivateThread}", $"/api/threads/{PrivateThread}/comments?limit=200",
            $"/api/threads/{PrivateThread}/events?limit=200", $"/api/projects/{PrivateProject}", $"/api/circles/{OpenCircle}",
            $"/api/threads/{OpenThread}", $"/api/threads/{OpenThread}/comments?limit=200", $"/api/threads/{OpenThread}/events?limit=200",
            "/api/circles", "/api/members/me", $"/api/documents/{OpenProject}", $"/api/documents/{OpenProject}/history",
            $"/api/documents/{PrivateProject}", $"/api/documents/{PrivateProject}/attribution",
        };
        var state = new StringBuilder();
        foreach (var url in urls) state.AppendLine(await Owner.Http.GetStringAsync(url));
        state.AppendLine(await Attacker.Http.GetStringAsync("/api/members/me"));
        return state.ToString();
    }

    /// <summary>A token like the development issuer's, with the given flaws.</summary>
    public string Token(string subject, DateTime? expires = null, string audience = "collab", SecurityKey? key = null, string issuer = DevTokenIssuer.Issuer)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = "Forged" },
            IssuedAt = exp.AddHours(-2),
            NotBefore = exp.AddHours(-2),
            Expires = exp,
            SigningCredentials = new SigningCredentials(key ?? Host.Services.GetRequiredService<DevTokenIssuer>().Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token ("alg": "none") claiming to be the owner.</summary>
    public string UnsignedToken()
    {
        static string B64(string s) => Base64UrlEncoder.Encode(s);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"{Owner.MemberId}\",\"aud\":\"collab\",\"iss\":\"{DevTokenIssuer.Issuer}\",\"exp\":{exp}}}")}.";
    }

    public HttpClient ClientWith(string? token)
    {
        var http = Host.Anonymous();
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityWorldCollection : ICollectionFixture<SecurityWorld>
{
    public const string Name = "Security world";
}
