using Collab.Grains;
using Collab.Hosting.Health;
using Collab.Web.Hubs;
using Collab.Web.Live;
using Collab.Web.Logging;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Extensions;

public static class LiveExtensions
{
    public const string HubPath = "/hubs/collab";

    private const string HubDispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>
    /// The SignalR hub, the relay from grains to it, presence, the watch on changes of access and the connection
    /// counts. After Orleans, so they start after it.
    /// </summary>
    public static WebApplicationBuilder AddCollabLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollabLiveOptions>().Bind(builder.Configuration.GetSection(CollabLiveOptions.Section));
        var limits = builder.Configuration.GetSection(CollabConnectionLimitsOptions.Section).Get<CollabConnectionLimitsOptions>() ?? new();
        builder.Services.AddSingleton<CorrelationHubFilter>();
        builder.Services.AddSingleton<HubErrorFilter>();
        builder.Services.AddSingleton<HubLimitsFilter>();
        builder.Services.AddSignalR(o =>
        {
            // Outermost first: the correlation scope covers every line below; limits throw domain errors, which the
            // error filter turns into the hub's error shape.
            o.AddFilter<CorrelationHubFilter>();
            o.AddFilter<HubErrorFilter>();
            o.AddFilter<HubLimitsFilter>();
            // A browser that vanishes without closing is noticed within 20 s (it pings every 15 s), so its
            // presence is gone well inside the 30 s people expect.
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(20);
            o.KeepAliveInterval = TimeSpan.FromSeconds(10);
            o.MaximumReceiveMessageSize = limits.MaxHubMessageBytes;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        // SignalR logs every exception a hub method throws as an error (FailedInvokingHubMethod), the HubException
        // that carries an expected refusal (not a member, unknown thread, text too long) included, with no way to
        // tell them apart; a busy node would log each user's mistake with a stack trace. HubErrorFilter logs each
        // exception instead, refusals at Debug and faults as errors, so this one category stays quiet. What it does
        // not see is a failure to create the hub itself, which fails every call of every connection at once.
        builder.Logging.AddFilter(HubDispatcherCategory, LogLevel.Critical);
        builder.Services.AddSingleton<ScopeAccess>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<ConnectionScopes>();
        builder.Services.AddSingleton<AccessChanges>();
        builder.Services.AddHostedService<AccessWatch>();
        builder.Services.AddSingleton<ScopeRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScopeRelay>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        builder.Services.AddOptions<CollabDrainOptions>().Bind(builder.Configuration.GetSection(CollabDrainOptions.Section));
        builder.Services.AddSingleton<HubDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubDrain>());
        builder.Services.AddSingleton<MemberConnections>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MemberConnections>());
        return builder;
    }

    /// <summary>
    /// The hub. While the node drains (see <see cref="HubDrain"/>) it refuses new hub connections and answers readiness
    /// with 503 before any health check runs: a stopping node is expected, not a failing check to log as an error.
    /// </summary>
    public static void MapCollabHub(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<HubDrain>();
        app.Use(async (context, next) =>
        {
            if (drain.Draining && context.Request.Path.StartsWithSegments(HubPath))
            {
                await Results.Problem("This node is stopping; connect again (to another node).",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            if (drain.Draining && context.Request.Path.Equals(CollabHealth.ReadyPath))
            {
                await Results.Json(new
                {
                    status = "Unhealthy",
                    checks = new { draining = new { status = "Unhealthy", description = "Stopping: handing hub connections over to other nodes." } },
                }, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.MapHub<CollabHub>(HubPath);
    }
}
