using System.Globalization;
using System.Text.Json;
using Collab.Hosting;
using Collab.Hosting.Storage;
using Collab.Hosting.Telemetry;
using Collab.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Collab.Web.Extensions;

/// <summary>
/// The one place where domain errors and unreadable requests become RFC 7807 problem details, so every
/// endpoint reports them alike. Those are the caller's mistakes, noted at Debug without a stack trace; a storage
/// outage is a 503 with <c>Retry-After</c>, noted at Warning; any other
/// exception is left to the exception handler middleware, which logs it as an error and answers 500.
/// </summary>
public sealed partial class CollabExceptionHandler(IProblemDetailsService problems, CollabMetrics metrics, ILogger<CollabExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            CollabException ex => FromDomain(ex),
            // An outage met outside a grain call (a grain's activation, say) says the same as one met inside it.
            _ when StorageOutage.IsOutage(exception) => FromDomain(StorageOutage.Unavailable()),
            _ when ClusterOutage.IsOutage(exception) => FromDomain(ClusterOutage.Unavailable()),
            BadHttpRequestException ex => Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The request could not be read.",
                (ex.InnerException as JsonException)?.Message ?? ex.Message, FieldOf(ex.InnerException as JsonException)),
            _ => null,
        };
        if (problem is null) return false;

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            metrics.StorageUnavailable("http");
            LogUnavailable(context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = ((int)StorageOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            LogRefused(context.Request.Method, context.Request.Path, problem.Status!.Value, problem.Detail);
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromDomain(CollabException ex) => ex.Kind switch
    {
        CollabErrorKind.Invalid => Problem(StatusCodes.Status400BadRequest, "Invalid input.", ex.Message, ex.Field),
        CollabErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found.", ex.Message, null),
        CollabErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed.", ex.Message, null),
        CollabErrorKind.LimitExceeded => Problem(StatusCodes.Status429TooManyRequests, "Limit exceeded.", ex.Message, null),
        CollabErrorKind.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable.", ex.Message, null),
        _ => Problem(StatusCodes.Status409Conflict, "Conflict.", ex.Message, null),
    };

    private static ProblemDetails Problem(int status, string title, string detail, string? field)
    {
        var problem = field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] });
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return problem;
    }

    // Nobody's mistake, but an operator's concern: the outage's cause is logged where it was met, in the silo.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Method} {Path} with 503: storage unavailable")]
    private partial void LogUnavailable(string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path} with {Status}: {Detail}")]
    private partial void LogRefused(string method, string path, int status, string? detail);

    /// <summary>"$.name" in a JSON error names the field at fault; the API's fields are its JSON property names.</summary>
    private static string? FieldOf(JsonException? ex) =>
        ex?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
}
