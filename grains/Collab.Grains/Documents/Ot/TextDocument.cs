using System.Text;

namespace Collab.Grains.Documents.Ot;

/// <summary>
/// A mutable text indexed by code point, for documents edited many times. It is a gap buffer of code points:
/// an edit moves the gap to its position (cost: the distance from the previous edit) and writes into it, so a
/// run of nearby keystrokes costs O(1) each instead of copying the whole text per edit as a string would.
/// Storing whole code points (4 bytes each) keeps every position an array index, with no UTF-16 mapping.
/// </summary>
public sealed class TextDocument
{
    private const int MinimumCapacity = 64;

    private int[] buffer;
    private int gapStart;
    private int gapEnd;

    public TextDocument(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!CodePointText.IsWellFormed(text)) throw OtException.Malformed("The text contains a lone UTF-16 surrogate.");
        var length = CodePointText.Count(text);
        buffer = new int[Math.Max(MinimumCapacity, length * 2)];
        gapStart = Write(text, 0);
        gapEnd = buffer.Length;
    }

    /// <summary>The length in code points.</summary>
    public int Length => buffer.Length - (gapEnd - gapStart);

    /// <summary>
    /// Applies <paramref name="op"/> in place, or throws <see cref="OtException"/> and leaves the text unchanged
    /// when the operation reaches past the end. Inserts are not size-checked here; use
    /// <see cref="TextOperation.Validate"/> for limits.
    /// </summary>
    public void Apply(TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.BaseLength > Length)
            throw OtException.OutOfRange($"The operation reaches code point {op.BaseLength} but the document has only {Length}.");
        EnsureGap(op.InsertedCodePoints);
        var at = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case OpKind.Retain:
                    at += c.Length;
                    break;
                case OpKind.Insert:
                    MoveGap(at);
                    gapStart = Write(c.Text!, gapStart);
                    at += c.Length;
                    break;
                case OpKind.Delete:
                    MoveGap(at);
                    gapEnd += c.Length;
                    break;
            }
        }
    }

    /// <summary>The code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a string.</summary>
    public string Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)count, Length, nameof(count));
        var text = new StringBuilder(count);
        for (var i = start; i < start + count; i++)
        {
            var codePoint = buffer[i < gapStart ? i : i + (gapEnd - gapStart)];
            if (codePoint < 0x10000) text.Append((char)codePoint);
            else text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }

    public override string ToString() => Slice(0, Length);

    private int Write(string text, int at)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var unit = text[i];
            buffer[at++] = char.IsHighSurrogate(unit) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? char.ConvertToUtf32(unit, text[++i])
                : unit;
        }
        return at;
    }

    private void EnsureGap(int needed)
    {
        if (gapEnd - gapStart >= needed) return;
        var capacity = Math.Max(MinimumCapacity, Math.Max(buffer.Length * 2, Length + needed + MinimumCapacity));
        var grown = new int[capacity];
        var tail = buffer.Length - gapEnd;
        Array.Copy(buffer, 0, grown, 0, gapStart);
        Array.Copy(buffer, gapEnd, grown, capacity - tail, tail);
        buffer = grown;
        gapEnd = capacity - tail;
    }

    private void MoveGap(int position)
    {
        if (position < gapStart)
        {
            var moving = gapStart - position;
            Array.Copy(buffer, position, buffer, gapEnd - moving, moving);
            gapStart = position;
            gapEnd -= moving;
        }
        else if (position > gapStart)
        {
            var moving = position - gapStart;
            Array.Copy(buffer, gapEnd, buffer, gapStart, moving);
            gapStart = position;
            gapEnd += moving;
        }
    }
}
