using Collab.Web.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Web.Extensions;

public static partial class AuthExtensions
{
    /// <summary>
    /// JWT bearer for every endpoint: tokens from the configured OpenID Connect authority, or, when the
    /// development issuer is on, tokens it signed itself. Nothing is reachable anonymously unless marked so.
    /// </summary>
    public static WebApplicationBuilder AddCollabAuthentication(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(CollabAuthOptions.Section).Get<CollabAuthOptions>() ?? new();
        var web = builder.Configuration.GetSection(CollabWebOptions.Section).Get<CollabWebOptions>() ?? new();
        var devIssuer = auth.DevIssuerEnabled(web.CoHostSilo) ? new DevTokenIssuer(auth) : null;
        if (devIssuer is null && string.IsNullOrWhiteSpace(auth.Authority))
            throw new InvalidOperationException(
                $"Set {CollabAuthOptions.Section}:Authority (OpenID Connect) or enable {CollabAuthOptions.Section}:DevIssuer.");

        builder.Services.AddSingleton(auth);
        if (devIssuer is not null) builder.Services.AddSingleton(devIssuer);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Keep the token's own claim names: the member id is 'sub', exactly as issued.
            o.MapInboundClaims = false;
            o.Audience = auth.Audience;
            // Browsers cannot set headers on a WebSocket upgrade; SignalR sends the token in the query string
            // there, and only there is it accepted from the query.
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(LiveExtensions.HubPath) &&
                        context.Request.Query.TryGetValue("access_token", out var token))
                        context.Token = token;
                    return Task.CompletedTask;
                },
                OnTokenValidated = context => devIssuer is null
                    ? ExternalMembers.ProvisionAsync(context)
                    : Task.CompletedTask,
            };
            if (devIssuer is null)
            {
                // Issuer, signing keys and their rotation come from the authority's discovery document.
                o.Authority = auth.Authority;
                o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                return;
            }
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = DevTokenIssuer.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKey = devIssuer.Key,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    public static void LogAuthenticationMode(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Collab.Auth");
        var auth = app.Services.GetRequiredService<CollabAuthOptions>();
        if (app.Services.GetService<DevTokenIssuer>() is not null) LogDevIssuerOn(logger, auth.DevKeyPath);
        else LogAuthority(logger, auth.Authority!);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development token issuer is ON (POST /auth/dev-token signs tokens for any handle; key in {KeyPath}). Use an OpenID Connect authority in production.")]
    private static partial void LogDevIssuerOn(ILogger logger, string keyPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepting tokens from the OpenID Connect authority {Authority}")]
    private static partial void LogAuthority(ILogger logger, string authority);
}
