namespace Collab.Web.Auth;

/// <summary>Who may call Collab (section <c>Collab:Auth</c>).</summary>
public sealed class CollabAuthOptions
{
    public const string Section = "Collab:Auth";

    /// <summary>The OpenID Connect authority whose tokens are accepted in production (keys found by discovery).</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "collab";

    /// <summary>Refuse an authority whose discovery document is not served over HTTPS (turn off only for local tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The built-in development token issuer. Null means: on when no <see cref="Authority"/> is set and the silo
    /// is co-hosted (single node), so Collab runs alone; off otherwise.
    /// </summary>
    public bool? DevIssuer { get; set; }

    /// <summary>The development signing key, generated on first start beside the data, never committed.</summary>
    public string DevKeyPath { get; set; } = "data/dev-signing.key";

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool DevIssuerEnabled(bool coHostSilo) => DevIssuer ?? (string.IsNullOrWhiteSpace(Authority) && coHostSilo);
}
