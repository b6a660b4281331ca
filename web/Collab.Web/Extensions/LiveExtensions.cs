using Collab.Grains;
using Collab.Web.Hubs;
using Collab.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Extensions;

public static class LiveExtensions
{
    public const string HubPath = "/hubs/collab";

    /// <summary>The SignalR hub, the relay from grains to it, and presence. After Orleans, so they start after it.</summary>
    public static WebApplicationBuilder AddCollabLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollabLiveOptions>().Bind(builder.Configuration.GetSection(CollabLiveOptions.Section));
        builder.Services.AddSignalR(o =>
        {
            o.AddFilter(new HubErrorFilter());
            // A browser that vanishes without closing is noticed within 20 s (it pings every 15 s), so its
            // presence is gone well inside the 30 s people expect.
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(20);
            o.KeepAliveInterval = TimeSpan.FromSeconds(10);
            // A 10,000-character comment is up to 40 KB of UTF-8 plus framing.
            o.MaximumReceiveMessageSize = 64 * 1024;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<ScopeAccess>();
        builder.Services.AddSingleton<ScopeRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScopeRelay>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        return builder;
    }

    public static void MapCollabHub(this WebApplication app) => app.MapHub<CollabHub>(HubPath);
}
