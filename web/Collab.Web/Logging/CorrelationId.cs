using System.Diagnostics;

namespace Collab.Web.Logging;

/// <summary>
/// The id that ties together every log line of one request or hub connection: the caller's <c>X-Correlation-Id</c>
/// when it sends a usable one, otherwise the trace id (from the caller's <c>traceparent</c>, or the one ASP.NET Core
/// started), so logs and traces of one request are found by the same id.
/// </summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    /// <summary>The name under which log scopes carry it (a property of every JSON log line).</summary>
    public const string ScopeKey = "CorrelationId";

    private const int MaxLength = 100;

    private static readonly object ItemKey = new();

    /// <summary>The request's id, chosen once per request (the hub connection's, for its upgrade request).</summary>
    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is string id) return id;
        id = Usable(context.Request.Headers[Header].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        return id;
    }

    /// <summary>A log scope that puts the id on every line written inside it.</summary>
    public static IDisposable? Scope(ILogger logger, string id) =>
        logger.BeginScope(new Dictionary<string, object> { [ScopeKey] = id });

    /// <summary>
    /// What a caller sends is echoed into headers and logs, so only a short id of plain characters is taken as it is;
    /// anything else is ignored (and a fresh id used), never an error: it is a diagnostic aid, not input.
    /// </summary>
    private static string? Usable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? value
            : null;
}
