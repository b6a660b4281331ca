using System.Text.RegularExpressions;

namespace Collab.Grains.Threads;

/// <summary>Finds the @handles in a comment: distinct, lower case, in order of first use.</summary>
public static partial class MentionParser
{
    public static IReadOnlyList<string> Handles(string text, int max) =>
        MentionPattern().Matches(text)
            .Select(m => m.Groups[1].Value.ToLowerInvariant())
            .Distinct()
            .Take(max)
            .ToList();

    // Not after a letter, digit or '@', so e-mail addresses (ana@example.org) are not mentions.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_@.])@([A-Za-z0-9_]{2,30})\b")]
    private static partial Regex MentionPattern();
}
