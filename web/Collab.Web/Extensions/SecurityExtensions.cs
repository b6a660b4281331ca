using Collab.Hosting.Telemetry;
using System.Threading.RateLimiting;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Collab.Web.Extensions;

public static partial class SecurityExtensions
{
    /// <summary>CORS allow-list, request body limit and the per-member rate of HTTP writes.</summary>
    public static WebApplicationBuilder AddCollabSecurity(this WebApplicationBuilder builder)
    {
        var cors = builder.Configuration.GetSection(CollabCorsOptions.Section).Get<CollabCorsOptions>() ?? new();
        var limits = builder.Configuration.GetSection(CollabConnectionLimitsOptions.Section).Get<CollabConnectionLimitsOptions>() ?? new();
        builder.Services.AddOptions<CollabConnectionLimitsOptions>().Bind(builder.Configuration.GetSection(CollabConnectionLimitsOptions.Section));
        builder.Services.AddCors(o => o.AddPolicy(CollabCorsOptions.PolicyName, p => p
            .WithOrigins(cors.AllowedOrigins).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || context.User.Identity?.IsAuthenticated != true
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetTokenBucketLimiter(context.User.MemberId(), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.HttpWriteBurst,
                        TokensPerPeriod = limits.HttpWritesPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                context.RequestServices.GetRequiredService<CollabMetrics>().RateLimitRefused("http");
                LogHttpRateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Collab.Limits"),
                    context.User.MemberId(), context.Request.Method, context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Limit exceeded.",
                        Detail = $"Too many changes: at most {limits.HttpWritesPerSecond} per second. Retry shortly.",
                    },
                });
            };
        });
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP rate limit: member {Member} sent too many writes ({Method} {Path})")]
    private static partial void LogHttpRateLimited(ILogger logger, string member, string method, string path);
}
