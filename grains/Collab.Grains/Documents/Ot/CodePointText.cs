namespace Collab.Grains.Documents.Ot;

/// <summary>
/// Code point counting over UTF-16 text. Positions on the wire count code points (as ot-text-unicode and the
/// editing traces do) so a surrogate pair such as "😀" is one position in C# and in the browser alike.
/// The scans jump between surrogates with a vectorised search, so mostly-BMP text costs close to a memcpy.
/// </summary>
public static class CodePointText
{
    private const char HighSurrogateStart = '\uD800';
    private const char HighSurrogateEnd = '\uDBFF';
    private const char SurrogateEnd = '\uDFFF';

    /// <summary>The number of code points; a surrogate pair counts once.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (true)
        {
            var high = text.IndexOfAnyInRange(HighSurrogateStart, HighSurrogateEnd);
            if (high < 0) return count + text.Length;
            var width = high + 1 < text.Length && char.IsLowSurrogate(text[high + 1]) ? 2 : 1;
            count += high + 1;
            text = text[(high + width)..];
        }
    }

    /// <summary>
    /// The UTF-16 index at which code point <paramref name="codePoints"/> starts (the text's length when it equals
    /// the code point count), or false when the text is shorter than that.
    /// </summary>
    public static bool TryGetUtf16Index(ReadOnlySpan<char> text, int codePoints, out int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePoints);
        index = 0;
        var remaining = codePoints;
        while (remaining > 0)
        {
            var rest = text[index..];
            var high = rest.IndexOfAnyInRange(HighSurrogateStart, HighSurrogateEnd);
            var plain = high < 0 ? rest.Length : high;
            if (remaining <= plain)
            {
                index += remaining;
                return true;
            }
            if (high < 0)
            {
                index = text.Length;
                return false;
            }
            index += high;
            index += index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
            remaining -= plain + 1;
        }
        return true;
    }

    /// <summary>The UTF-16 index of a code point position; throws when the position is past the end.</summary>
    public static int ToUtf16Index(ReadOnlySpan<char> text, int codePoints) =>
        TryGetUtf16Index(text, codePoints, out var index)
            ? index
            : throw new ArgumentOutOfRangeException(nameof(codePoints), codePoints, "The position is past the end of the text.");

    /// <summary>The code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public static string Slice(string text, int start, int count)
    {
        var from = ToUtf16Index(text, start);
        var length = ToUtf16Index(text.AsSpan(from), count);
        return text.Substring(from, length);
    }

    /// <summary>
    /// False for text with a lone surrogate: it has no code point count both sides agree on (unicount in the
    /// browser would swallow the next character), so operations carrying it are refused.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var surrogate = text.IndexOfAnyInRange(HighSurrogateStart, SurrogateEnd);
            if (surrogate < 0) return true;
            if (!char.IsHighSurrogate(text[surrogate]) || surrogate + 1 >= text.Length || !char.IsLowSurrogate(text[surrogate + 1]))
                return false;
            text = text[(surrogate + 2)..];
        }
    }
}
