using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Collab.Grains.Abstractions.Members;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Collab.Web.Auth;

/// <summary>
/// Maps a person signed in at the external authority to a Collab member. The member id is derived from the
/// issuer and subject (stable, and never equal to a development id), and the member is created on first
/// sign-in with the authority's preferred name as handle when it is free.
/// </summary>
public static class ExternalMembers
{
    public static async Task ProvisionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var issuer = principal.FindFirstValue(JwtRegisteredClaimNames.Iss) ?? "";
        var subject = principal.FindFirstValue(JwtRegisteredClaimNames.Sub);
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The token has no subject.");
            return;
        }

        var memberId = IdFor(issuer, subject);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var name = principal.FindFirstValue(JwtRegisteredClaimNames.Name) ?? principal.FindFirstValue("preferred_username") ?? subject;
        await grains.GetGrain<IMemberGrain>(memberId).EnsureRegistered(principal.FindFirstValue("preferred_username") ?? name, name);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CollabClaims.Member, memberId));
    }

    public static string IdFor(string issuer, string subject) =>
        "x-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject}")))[..24];
}
