using Collab.Grains.Abstractions.Members;
using Collab.Grains.Validation;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

public static class AuthApi
{
    /// <summary>Maps the development sign-in only when its issuer is on; otherwise the route does not exist.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<DevTokenIssuer>() is null) return app;
        app.MapPost("auth/dev-token", IssueDevToken).AllowAnonymous().WithTags("Auth").WithName("IssueDevToken")
            .WithSummary("Development only: a token for the member with this handle, created on first use.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<DevTokenResponse>> IssueDevToken(DevTokenRequest body, IGrainFactory grains, DevTokenIssuer issuer,
        CollabAuthOptions options, TimeProvider time)
    {
        var handle = Input.Handle(body.Handle);
        var member = await grains.GetGrain<IHandleGrain>(handle).RegisterOrGet(body.DisplayName ?? body.Handle!);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(member, now), now.Add(options.DevTokenLifetime), member));
    }
}
