namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// Scope names: "kind:id". A scope is what a client joins and what owns a gap-free seq (a circle, a project,
/// a thread, a project's document, a member's own inbox). A document's seq is its revision. A dashboard
/// (<c>dashboard:{circleId}</c>, or <c>dashboard:all</c>) has no log: its figures are pushed, like presence.
/// </summary>
public static class Scopes
{
    public const string Circle = "circle";
    public const string Project = "project";
    public const string Thread = "thread";
    public const string Member = "member";
    public const string Document = "document";
    public const string Dashboard = "dashboard";

    public static string Of(string kind, string id) => $"{kind}:{id}";

    public static bool TryParse(string? scope, out string kind, out string id)
    {
        kind = id = "";
        var colon = scope?.IndexOf(':') ?? -1;
        if (colon <= 0 || colon == scope!.Length - 1) return false;
        (kind, id) = (scope[..colon], scope[(colon + 1)..]);
        return kind is Circle or Project or Thread or Member or Document or Dashboard;
    }
}
