using System.Text.Json.Serialization;
using Collab.Web.Apis;
using Collab.Web.Extensions;
using Collab.Web.Logging;
using Collab.Hosting.Health;
using Collab.Hosting.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Collab.Web;

/// <summary>Builds the web host; <c>Program</c> runs it, tests start it on a free loopback port.</summary>
public static class CollabWebApp
{
    /// <param name="configure">Runs first on the builder: settings and services of a host that embeds Collab.</param>
    /// <param name="configureApp">Runs after Collab's endpoints are mapped: endpoints of such a host (a test's, say).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddCollabLogging();
        builder.AddCollabOrleans();
        builder.AddCollabAuthentication();
        builder.AddCollabOperators();
        builder.AddCollabSecurity();
        builder.AddCollabApi();
        builder.AddCollabLive();
        builder.AddCollabTelemetry("collab-web");

        var app = builder.Build();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // The workspace's static files are public (they hold no data); everything they fetch needs a token.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors(CollabCorsOptions.PolicyName);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference().AllowAnonymous();
        app.MapCollabHealth();
        app.MapCollabTelemetry();
        app.MapAuthApi();
        app.MapCirclesApi();
        app.MapModerationApi();
        app.MapProjectsApi();
        app.MapThreadsApi();
        app.MapDocumentsApi();
        app.MapMembersApi();
        app.MapCollabHub();
        app.MapCollabDashboard();
        configureApp?.Invoke(app);
        app.LogAuthenticationMode();
        return app;
    }

    /// <summary>
    /// Starts Collab inside the calling process on a free loopback port, <paramref name="settings"/> laid over
    /// appsettings: how the replay tool and the tests host it, reached through real sockets all the same.
    /// <paramref name="configure"/> and <paramref name="configureApp"/> are those of <see cref="Create"/>.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address)> StartOnLoopbackAsync(
        IDictionary<string, string?> settings, string environment = "Production", Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? configureApp = null, CancellationToken cancellationToken = default)
    {
        var app = Create(["--urls=http://127.0.0.1:0", $"--environment={environment}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        }, configureApp);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }

    private static WebApplicationBuilder AddCollabApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<CollabExceptionHandler>();
        // Unreadable bodies throw, so the exception handler can say what was wrong instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        var checks = builder.Services.AddHealthChecks();
        if ((builder.Configuration.GetSection(CollabWebOptions.Section).Get<CollabWebOptions>() ?? new()).CoHostSilo) checks.AddCollabSiloChecks();
        else checks.AddCheck<OrleansClientHealthCheck>("cluster", HealthStatus.Unhealthy, [CollabHealth.ReadyTag], TimeSpan.FromSeconds(5)).AddCollabStorageCheck();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
