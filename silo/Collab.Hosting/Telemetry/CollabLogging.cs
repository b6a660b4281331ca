using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Telemetry;

/// <summary>Console logs of every Collab process: readable lines by default, one JSON object per line on request.</summary>
public static class CollabLogging
{
    /// <summary><c>Logging:Format</c>: <c>simple</c> (the default) or <c>json</c>, for a log collector to parse.</summary>
    public const string FormatKey = "Logging:Format";

    public static IHostApplicationBuilder AddCollabLogging(this IHostApplicationBuilder builder)
    {
        // Scopes on: the correlation id of a request or hub connection travels in a scope, and must reach each line.
        if (string.Equals(builder.Configuration[FormatKey], "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(o => (o.IncludeScopes, o.UseUtcTimestamp, o.TimestampFormat) = (true, true, "O"));
        else
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        return builder;
    }
}
