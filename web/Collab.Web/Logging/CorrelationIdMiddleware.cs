namespace Collab.Web.Logging;

/// <summary>
/// Gives every request its <see cref="CorrelationId"/>: echoed in the response's <c>X-Correlation-Id</c> header and
/// carried by every log line written while the request runs (outermost, so error handling's lines carry it too).
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationId.Of(context);
        context.Response.Headers[CorrelationId.Header] = id;
        using (CorrelationId.Scope(logger, id)) await next(context);
    }
}
