namespace Collab.Web.Live;

/// <summary>
/// One scope a local connection joined, and the circle scope it lives under (null for a member's own inbox).
/// Compared by reference: a scope left and joined again is a new <see cref="JoinedScope"/>, so whatever was
/// about to happen to the old one cannot reach the new one by mistake.
/// </summary>
public sealed class JoinedScope(string scope, string? circle)
{
    public string Scope { get; } = scope;
    public string? Circle { get; } = circle;
}
