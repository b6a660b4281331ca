namespace Collab.Grains.Abstractions.Threads;

/// <summary>The fixed set of reactions: small on purpose, so reactions stay kind and readable on a dashboard.</summary>
public static class Reactions
{
    public static readonly IReadOnlyList<string> Allowed = ["👍", "❤️", "🎉", "😄", "🤔", "🌱", "🙏", "👀"];

    public static bool IsAllowed(string emoji) => Allowed.Contains(emoji);
}
