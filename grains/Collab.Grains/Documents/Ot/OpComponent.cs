namespace Collab.Grains.Documents.Ot;

/// <summary>The three kinds of component of a text operation.</summary>
public enum OpKind
{
    /// <summary>Keep the next N code points (a JSON number).</summary>
    Retain = 0,
    /// <summary>Insert text at the current position (a JSON string).</summary>
    Insert = 1,
    /// <summary>Remove the next N code points (<c>{"d": N}</c> or <c>{"d": "removed text"}</c>).</summary>
    Delete = 2,
}

/// <summary>
/// One step of a <see cref="TextOperation"/>. Lengths count code points. A delete may carry the text it removes,
/// as ot-text-unicode allows for undo; it is kept through transform and compose exactly as the library keeps it.
/// </summary>
public readonly record struct OpComponent
{
    private OpComponent(OpKind kind, int length, string? text)
    {
        Kind = kind;
        Length = length;
        Text = text;
    }

    public OpKind Kind { get; }

    /// <summary>Code points retained, inserted or deleted; always positive.</summary>
    public int Length { get; }

    /// <summary>The inserted text, or the deleted text when the sender supplied it; null for retains and bare deletes.</summary>
    public string? Text { get; }

    public static OpComponent Retain(int count) =>
        count > 0 ? new(OpKind.Retain, count, null) : throw OtException.Malformed($"A retain must be positive (got {count}).");

    public static OpComponent Insert(string text) => new(OpKind.Insert, CheckedLength(text, "An insert"), text);

    public static OpComponent Delete(int count) =>
        count > 0 ? new(OpKind.Delete, count, null) : throw OtException.Malformed($"A delete must be positive (got {count}).");

    /// <summary>A delete that names the text it removes; only its code point length matters when applied.</summary>
    public static OpComponent Delete(string deletedText) => new(OpKind.Delete, CheckedLength(deletedText, "A delete"), deletedText);

    /// <summary>For the builder and the reader, which already know the text is well formed and its length.</summary>
    internal static OpComponent Trusted(OpKind kind, int length, string? text) => new(kind, length, text);

    public override string ToString() => Kind switch
    {
        OpKind.Retain => Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OpKind.Insert => $"\"{Text}\"",
        _ => Text is null ? $"{{d:{Length}}}" : $"{{d:\"{Text}\"}}",
    };

    private static int CheckedLength(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw OtException.Malformed($"{what} must not be empty.");
        if (!CodePointText.IsWellFormed(text)) throw OtException.Malformed($"{what} contains a lone UTF-16 surrogate.");
        return CodePointText.Count(text);
    }
}
