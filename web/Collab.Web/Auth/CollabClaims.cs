using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Collab.Web.Auth;

public static class CollabClaims
{
    public const string Handle = "handle";

    /// <summary>
    /// The acting member's id, passed to every grain command. Inbound claim mapping is off, so this is the
    /// token's own <c>sub</c>.
    /// </summary>
    public static string MemberId(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub)
        ?? throw new InvalidOperationException("An authenticated request has no 'sub' claim.");
}
