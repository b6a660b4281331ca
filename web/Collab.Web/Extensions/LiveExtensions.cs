using Collab.Grains;
using Collab.Web.Hubs;
using Collab.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Extensions;

public static class LiveExtensions
{
    public const string HubPath = "/hubs/collab";

    /// <summary>
    /// The SignalR hub, the relay from grains to it, presence, the watch on changes of access and the connection
    /// counts. After Orleans, so they start after it.
    /// </summary>
    public static WebApplicationBuilder AddCollabLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollabLiveOptions>().Bind(builder.Configuration.GetSection(CollabLiveOptions.Section));
        var limits = builder.Configuration.GetSection(CollabConnectionLimitsOptions.Section).Get<CollabConnectionLimitsOptions>() ?? new();
        builder.Services.AddSingleton<HubLimitsFilter>();
        builder.Services.AddSignalR(o =>
        {
            // Outermost first: limits throw domain errors, which the error filter turns into the hub's error shape.
            o.AddFilter(new HubErrorFilter());
            o.AddFilter<HubLimitsFilter>();
            // A browser that vanishes without closing is noticed within 20 s (it pings every 15 s), so its
            // presence is gone well inside the 30 s people expect.
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(20);
            o.KeepAliveInterval = TimeSpan.FromSeconds(10);
            o.MaximumReceiveMessageSize = limits.MaxHubMessageBytes;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<ScopeAccess>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<ConnectionScopes>();
        builder.Services.AddSingleton<AccessChanges>();
        builder.Services.AddHostedService<AccessWatch>();
        builder.Services.AddSingleton<ScopeRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScopeRelay>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        builder.Services.AddSingleton<MemberConnections>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MemberConnections>());
        return builder;
    }

    public static void MapCollabHub(this WebApplication app) => app.MapHub<CollabHub>(HubPath);
}
