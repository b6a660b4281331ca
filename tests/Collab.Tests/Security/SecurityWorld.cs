using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Collab.Web.Auth;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Tests.Security;

/// <summary>
/// A running host with an owner's private circle (a plain member, thread, comment, project with a written
/// document), an open circle the attacker belongs to (with the owner's thread, comment and project), and an
/// attacker: the world the security tests attack.
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

    /// <summary>The owner's private circle and what is in it, aimed at by the access sweep.</summary>
    public SweepTargets Private { get; private set; } = null!;

    private const string InsiderHandle = "insider_secure";

    public async Task InitializeAsync()
    {
        Host = await CollabWebHost.StartSqliteAsync(_folder);
        Owner = await Host.SignInAsync("owner_secure", "Owner");
        OwnerHandle = "owner_secure";
        Attacker = await Host.SignInAsync("mallory", "Mallory");
        var insider = await Host.SignInAsync(InsiderHandle, "Insider");
        PrivateCircle = (await Owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        (await Owner.Http.PostAsJsonAsync($"/api/circles/{PrivateCircle}/invitations", new { memberId = insider.MemberId })).EnsureSuccessStatusCode();
        await insider.Http.PostJson($"/api/circles/{PrivateCircle}/join", new { });
        PrivateThread = (await Owner.Http.PostJson($"/api/circles/{PrivateCircle}/threads", new { title = "Secret" }))["id"]!.GetValue<string>();
        var privateComment = (await Owner.Http.PostJson($"/api/threads/{PrivateThread}/comments", new { text = "private words" }))["id"]!.GetValue<long>();
        PrivateProject = (await Owner.Http.PostJson($"/api/circles/{PrivateCircle}/projects", new { title = "Hidden project" }))["id"]!.GetValue<string>();
        OpenCircle = (await Owner.Http.PostJson("/api/circles", new { name = "Open" }))["id"]!.GetValue<string>();
        OpenThread = (await Owner.Http.PostJson($"/api/circles/{OpenCircle}/threads", new { title = "Public" }))["id"]!.GetValue<string>();
        OwnerComment = (await Owner.Http.PostJson($"/api/threads/{OpenThread}/comments", new { text = "owner's words" }))["id"]!.GetValue<long>();
        await Attacker.Http.PostJson($"/api/circles/{OpenCircle}/join", new { });
        OpenProject = (await Owner.Http.PostJson($"/api/circles/{OpenCircle}/projects", new { title = "Shared notes" }))["id"]!.GetValue<string>();
        await WriteFirstRevision(Owner, OpenProject, "Notes 🌱 of the circle");
        await WriteFirstRevision(Owner, PrivateProject, "Hidden plans");
        Private = new SweepTargets(PrivateCircle, PrivateThread, privateComment, PrivateProject, insider.MemberId, InsiderHandle, Attacker.MemberId, OpenCircle);
    }

    /// <summary>
    /// A new member with every right over a new invite-only circle of their own (owner, author of its comment,
    /// contributor of its project, not its last owner so they may leave it), and that circle's targets.
    /// </summary>
    public async Task<(CollabWebHost.SignedIn Actor, SweepTargets Targets)> RightsHolderAsync()
    {
        var founder = await Host.SignInAsync();
        var actor = await Host.SignInAsync();
        var member = await Host.SignInAsync();
        var memberHandle = (await member.Http.GetJson("/api/members/me"))["handle"]!.GetValue<string>();
        var circle = (await founder.Http.PostJson("/api/circles", new { name = "Rights", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        foreach (var joining in new[] { actor, member })
        {
            (await founder.Http.PostAsJsonAsync($"/api/circles/{circle}/invitations", new { memberId = joining.MemberId })).EnsureSuccessStatusCode();
            await joining.Http.PostJson($"/api/circles/{circle}/join", new { });
        }
        (await founder.Http.PutAsJsonAsync($"/api/circles/{circle}/members/{actor.MemberId}/role", new { role = "Owner" })).EnsureSuccessStatusCode();
        var thread = (await actor.Http.PostJson($"/api/circles/{circle}/threads", new { title = "Ours" }))["id"]!.GetValue<string>();
        var comment = (await actor.Http.PostJson($"/api/threads/{thread}/comments", new { text = "my words" }))["id"]!.GetValue<long>();
        var project = (await actor.Http.PostJson($"/api/circles/{circle}/projects", new { title = "Our project" }))["id"]!.GetValue<string>();
        await WriteFirstRevision(actor, project, "Our plans");
        return (actor, new SweepTargets(circle, thread, comment, project, member.MemberId, memberHandle, Attacker.MemberId, OpenCircle));
    }

    private async Task WriteFirstRevision(CollabWebHost.SignedIn author, string documentId, string text)
    {
        await using var editor = await HubClient.ConnectAsync(Host.Address, author.Token);
        await editor.Connection.InvokeAsync<JsonElement>("OpenDocument", documentId, 0L);
        await editor.Connection.InvokeAsync<JsonElement>("SubmitOperation", documentId, 0L, JsonSerializer.SerializeToElement(new[] { text }), $"seed-{documentId}");
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
