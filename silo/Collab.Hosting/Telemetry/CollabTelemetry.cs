using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Collab.Hosting.Telemetry;

/// <summary>OpenTelemetry for every Collab process: ASP.NET Core, SignalR, Kestrel, Orleans, Npgsql and Collab's own meter.</summary>
public static class CollabTelemetry
{
    private static readonly string[] Meters =
    [
        CollabMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.Orleans", "Npgsql",
    ];

    private static readonly string[] Sources = ["Microsoft.AspNetCore.SignalR.Server", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static IHostApplicationBuilder AddCollabTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = builder.Configuration.GetSection(CollabTelemetryOptions.Section).Get<CollabTelemetryOptions>() ?? new();
        builder.Services.AddSingleton<CollabMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (options.Prometheus) metrics.AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource(Sources).AddNpgsql();
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when on.</summary>
    public static IEndpointRouteBuilder MapCollabTelemetry(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(CollabTelemetryOptions.Section).Get<CollabTelemetryOptions>() ?? new();
        if (options.Prometheus) endpoints.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        return endpoints;
    }
}
