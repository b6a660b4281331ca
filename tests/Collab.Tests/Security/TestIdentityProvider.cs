using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Tests.Security;

/// <summary>
/// A real OpenID Connect discovery endpoint and key set on a loopback port, signing with its own RSA key:
/// what Collab meets in production, minus the login pages it never sees.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIdentityProvider(WebApplication app, string authority, RsaSecurityKey key)
    {
        _app = app;
        Authority = authority;
        _key = key;
    }

    public string Authority { get; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        // The address is known only once the server listens; the endpoints must be mapped before it starts.
        var authority = "";
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority,
            ["jwks_uri"] = $"{authority}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestIdentityProvider(app, authority, key);
    }

    /// <summary>
    /// A token as the provider would issue it; <paramref name="signingKey"/> overrides the key to forge one, and
    /// <paramref name="extraClaims"/> adds claims (a role, say).
    /// </summary>
    public string Issue(string subject, string preferredUsername, string name, string audience = "collab", SecurityKey? signingKey = null,
        IReadOnlyDictionary<string, object>? extraClaims = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["preferred_username"] = preferredUsername, ["name"] = name }
                .Concat(extraClaims ?? new Dictionary<string, object>()).ToDictionary(),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
