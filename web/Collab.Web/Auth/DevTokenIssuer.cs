using System.Security.Claims;
using System.Security.Cryptography;
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
        Key = new SymmetricSecurityKey(LoadOrCreateKey(options.DevKeyPath)) { KeyId = "collab-dev" };
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

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        // CreateNew: when two processes start at once, one writes and the other reads what it wrote.
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
