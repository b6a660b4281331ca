namespace Collab.Grains.Abstractions.Members;

/// <summary>
/// The owner of one handle (key = the handle in lower case). A grain per handle makes "first claim wins"
/// a single-activation decision, so two people can never end up with the same handle.
/// </summary>
[Alias("collab.handle")]
public interface IHandleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs a person in by handle: the member holding it, or a new member created with it on first use
    /// (what the development token issuer needs).
    /// </summary>
    [Alias("register-or-get")] Task<MemberView> RegisterOrGet(string displayName);

    /// <summary>Claims the handle for the member; returns the member that holds it (the caller, or an earlier one).</summary>
    [Alias("claim")] Task<string> Claim(string memberId);
    [Alias("owner")] Task<string?> Owner();
    [Alias("release")] Task Release(string memberId);
}
