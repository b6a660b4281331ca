namespace Collab.Hosting.Telemetry;

/// <summary>Metrics and traces (section <c>Collab:Telemetry</c>).</summary>
public sealed class CollabTelemetryOptions
{
    public const string Section = "Collab:Telemetry";

    /// <summary>Serve Prometheus' scrape endpoint at <see cref="PrometheusPath"/> (restrict it at the ingress: it is anonymous).</summary>
    public bool Prometheus { get; set; } = true;

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Send metrics and traces to this OTLP collector (for example http://otel-collector:4317); none when empty.</summary>
    public string? OtlpEndpoint { get; set; }
}
