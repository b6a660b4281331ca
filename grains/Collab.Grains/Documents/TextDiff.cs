using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>
/// An operation that turns one text into another, for restoring an old revision. It compares lines (Myers'
/// algorithm) and then, inside each changed stretch, characters from both ends, so a restore keeps in place every
/// line both texts share and the unchanged parts of changed lines: their authorship, and the cursors of people
/// reading them, stay where they are.
/// </summary>
public static class TextDiff
{
    // Beyond this many differing lines the middle is compared as one stretch: the exact line diff costs
    // O((N + M)·D) time and O(D²) memory.
    private const int MaxLineEdits = 1_000;

    public static TextOperation Between(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var prefix = CommonLinePrefix(from, to);
        var suffix = CommonLineSuffix(from, to, prefix);
        var oldLines = Lines(from[prefix..^suffix]);
        var newLines = Lines(to[prefix..^suffix]);
        var script = Myers(oldLines, newLines)
            ?? [.. oldLines.Select(l => (LineEdit.Delete, l)), .. newLines.Select(l => (LineEdit.Insert, l))];

        var builder = new TextOperationBuilder().Retain(CodePointText.Count(from.AsSpan(0, prefix)));
        var deleted = new System.Text.StringBuilder();
        var inserted = new System.Text.StringBuilder();
        foreach (var (edit, line) in script.Append((LineEdit.Keep, "")))
        {
            if (edit == LineEdit.Delete) deleted.Append(line);
            else if (edit == LineEdit.Insert) inserted.Append(line);
            else
            {
                Replace(builder, deleted.ToString(), inserted.ToString());
                (deleted.Length, inserted.Length) = (0, 0);
                builder.Retain(CodePointText.Count(line));
            }
        }
        return builder.Build();
    }

    private enum LineEdit { Keep, Delete, Insert }

    /// <summary>Replaces <paramref name="old"/> with <paramref name="replacement"/>, keeping what both start and end with.</summary>
    private static void Replace(TextOperationBuilder builder, string old, string replacement)
    {
        if (old.Length == 0 && replacement.Length == 0) return;
        var prefix = old.AsSpan().CommonPrefixLength(replacement);
        // Never cut between the two halves of a surrogate pair: positions count whole code points.
        if (prefix > 0 && char.IsHighSurrogate(old[prefix - 1])) prefix--;
        var suffix = 0;
        var limit = Math.Min(old.Length, replacement.Length) - prefix;
        while (suffix < limit && old[old.Length - 1 - suffix] == replacement[replacement.Length - 1 - suffix]) suffix++;
        if (suffix > 0 && char.IsLowSurrogate(old[old.Length - suffix])) suffix--;
        builder.Retain(CodePointText.Count(old.AsSpan(0, prefix)))
            .Delete(CodePointText.Count(old.AsSpan(prefix, old.Length - prefix - suffix)))
            .Insert(replacement[prefix..^suffix])
            .Retain(CodePointText.Count(old.AsSpan(old.Length - suffix)));
    }

    /// <summary>The shortest line edit script from <paramref name="a"/> to <paramref name="b"/>, or null when it is too long.</summary>
    private static List<(LineEdit, string)>? Myers(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int n = a.Count, m = b.Count, max = Math.Min(n + m, MaxLineEdits);
        // v[max + k]: the furthest x reached on diagonal k; trace[d] keeps diagonals -d..d as they were before step d.
        var v = new int[2 * max + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add(v[(max - d)..(max + d + 1)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) (x, y) = (x + 1, y + 1);
                v[max + k] = x;
                if (x >= n && y >= m) return Backtrack(a, b, trace, d);
            }
        }
        return null;
    }

    private static List<(LineEdit, string)> Backtrack(IReadOnlyList<string> a, IReadOnlyList<string> b, List<int[]> trace, int depth)
    {
        var script = new List<(LineEdit, string)>();
        int x = a.Count, y = b.Count;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && v[d + k - 1] < v[d + k + 1]) ? k + 1 : k - 1;
            var previousX = v[d + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                (x, y) = (x - 1, y - 1);
                script.Add((LineEdit.Keep, a[x]));
            }
            if (x == previousX) script.Add((LineEdit.Insert, b[--y]));
            else script.Add((LineEdit.Delete, a[--x]));
        }
        while (x > 0) script.Add((LineEdit.Keep, a[--x]));
        script.Reverse();
        return script;
    }

    /// <summary>The text cut after each line break; concatenated, the pieces are the text again.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    /// <summary>The whole lines both texts start with.</summary>
    private static int CommonLinePrefix(string a, string b)
    {
        var length = a.AsSpan().CommonPrefixLength(b);
        return length == a.Length && length == b.Length ? length : a.LastIndexOf('\n', Math.Max(length - 1, 0), length) + 1;
    }

    /// <summary>The whole lines both texts end with, not reaching into <paramref name="prefix"/>.</summary>
    private static int CommonLineSuffix(string a, string b, int prefix)
    {
        var limit = Math.Min(a.Length, b.Length) - prefix;
        var length = 0;
        while (length < limit && a[a.Length - 1 - length] == b[b.Length - 1 - length]) length++;
        var start = a.Length - length;
        if (length == 0 || (AtLineStart(a, start) && AtLineStart(b, b.Length - length))) return length;
        var lineEnd = a.IndexOf('\n', start);
        return lineEnd < 0 ? 0 : a.Length - lineEnd - 1;
    }

    private static bool AtLineStart(string text, int index) => index == 0 || text[index - 1] == '\n';
}
