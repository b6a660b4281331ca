using System.Text.RegularExpressions;
using Collab.Grains.Abstractions.Errors;

namespace Collab.Grains.Validation;

/// <summary>Checks of user input shared by the grains; each failure names the field, and runs before any change.</summary>
public static partial class Input
{
    /// <summary>A required single-line text such as a name or title: trimmed, 1 to <paramref name="max"/> characters.</summary>
    public static string RequiredText(string field, string? value, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw CollabException.Invalid(field, $"'{field}' must not be empty.");
        if (trimmed.Length > max) throw CollabException.Invalid(field, $"'{field}' must be at most {max} characters (got {trimmed.Length}).");
        if (trimmed.Any(char.IsControl)) throw CollabException.Invalid(field, $"'{field}' must not contain control characters.");
        return trimmed;
    }

    public static string OptionalText(string field, string? value, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length > max) throw CollabException.Invalid(field, $"'{field}' must be at most {max} characters (got {trimmed.Length}).");
        return trimmed;
    }

    /// <summary>Comment text is kept as written (no trimming of inner whitespace or markdown); only its size is limited.</summary>
    public static string CommentText(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw CollabException.Invalid("text", "'text' must not be empty.");
        if (value.Length > max) throw CollabException.Invalid("text", $"'text' must be at most {max} characters (got {value.Length}).");
        return value;
    }

    /// <summary>Ids are chosen by Collab but arrive in URLs: anything else is refused before it reaches storage.</summary>
    public static void Id(string field, string? value)
    {
        if (value is null || !IdPattern().IsMatch(value))
            throw CollabException.Invalid(field, $"'{field}' must be 1 to 64 characters of a-z, 0-9, '-' or '_'.");
    }

    /// <summary>A client-generated command id (1 to 100 characters), or null for a command sent without one.</summary>
    public static string? CommandId(string? value) =>
        value is null || (value.Length is >= 1 and <= 100 && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl))
            ? value
            : throw CollabException.Invalid("commandId", "'commandId' must be a client-generated id of 1 to 100 characters.");

    public static bool IsHandle(string value) => HandlePattern().IsMatch(value);

    /// <summary>A handle as typed (any case, spaces around) made canonical, or a clear error.</summary>
    public static string Handle(string? value)
    {
        var handle = value?.Trim().ToLowerInvariant() ?? "";
        return IsHandle(handle) ? handle : throw CollabException.Invalid("handle", "'handle' must be 2 to 30 characters of a-z, 0-9 or '_'.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9_]{2,30}$")]
    private static partial Regex HandlePattern();
}
