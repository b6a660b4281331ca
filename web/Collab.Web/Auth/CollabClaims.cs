using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Collab.Web.Auth;

public static class CollabClaims
{
    public const string Handle = "handle";

    /// <summary>Added to tokens of an external authority: the Collab member that its subject maps to.</summary>
    public const string Member = "collab_member";

    /// <summary>An OpenID Connect authority marks platform moderators with <c>collab_role=platform-moderator</c>.</summary>
    public const string Role = "collab_role";

    public const string PlatformModeratorRole = "platform-moderator";

    /// <summary>An OpenID Connect authority marks the people who run the platform with <c>collab_role=operator</c>.</summary>
    public const string OperatorRole = "operator";

    /// <summary>Whether the sign-in says so; the activity grain decides what that allows (configured members count too).</summary>
    public static bool HasPlatformModeratorClaim(this ClaimsPrincipal user) => user.HasClaim(Role, PlatformModeratorRole);

    public static bool HasOperatorClaim(this ClaimsPrincipal user) => user.HasClaim(Role, OperatorRole);

    /// <summary>
    /// The acting member's id, passed to every grain command: for development tokens their own <c>sub</c>
    /// (inbound claim mapping is off), for an external authority's tokens the member its subject maps to.
    /// </summary>
    public static string MemberId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Member) ?? user.FindFirstValue(JwtRegisteredClaimNames.Sub)
        ?? throw new InvalidOperationException("An authenticated request has no 'sub' claim.");
}
