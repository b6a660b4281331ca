using Collab.Grains.Abstractions.Members;
using Collab.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Collab.Web.Auth;

/// <summary>Decides <see cref="OperatorRequirement"/>: the claim, or the configured list (handles resolved now).</summary>
public sealed class OperatorAuthorizationHandler(IGrainFactory grains, IOptionsMonitor<CollabOperatorsOptions> options)
    : AuthorizationHandler<OperatorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        if (context.User.HasOperatorClaim() || await IsListed(context.User.MemberId())) context.Succeed(requirement);
    }

    private async Task<bool> IsListed(string memberId)
    {
        foreach (var entry in options.CurrentValue.Members)
        {
            if (entry == memberId) return true;
            if (entry.StartsWith('@') && entry.Length > 1
                && await grains.GetGrain<IHandleGrain>(entry[1..].ToLowerInvariant()).Owner() == memberId) return true;
        }
        return false;
    }
}
