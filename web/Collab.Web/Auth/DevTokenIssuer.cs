using System.Security.Claims;
using Collab.Grains.Abstractions.Members;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Web.Auth;

/// <summary>
/// Signs tokens for single-node mode, where there is no identity provider. The key is random per data folder,
/// so a token from one installation is worthless on another.
/// </summary>
public sealed class DevTokenIssuer
{
    public const string Issuer = "collab-dev";

    private readonly CollabAuthOptions _options;

    public DevTokenIssuer(CollabAuthOptions options)
    {
        _options = options;
        Key = new SymmetricSecurityKey(DevKeyFile.LoadOrCreate(options.DevKeyPath)) { KeyId = "collab-dev" };
    }

    public SymmetricSecurityKey Key { get; }

    public string Issue(MemberView member, DateTimeOffset now) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = _options.Audience,
        Subject = new ClaimsIdentity([
            new Claim(JwtRegisteredClaimNames.Sub, member.Id),
            new Claim(JwtRegisteredClaimNames.Name, member.DisplayName),
            new Claim(CollabClaims.Handle, member.Handle),
        ]),
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.Add(_options.DevTokenLifetime).UtcDateTime,
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });
}
