namespace Collab.Grains.Documents.Ot;

/// <summary>What was wrong with an operation, so a caller can map it to its own error shape without parsing text.</summary>
public enum OtErrorKind
{
    /// <summary>Not a well-formed text-unicode operation (wrong JSON shape, zero or negative counts, broken UTF-16).</summary>
    Malformed = 0,
    /// <summary>The operation retains or deletes past the end of the document it is applied to.</summary>
    OutOfRange = 1,
    /// <summary>The operation inserts more than the allowed number of code points.</summary>
    TooLarge = 2,
}

/// <summary>
/// An operation was refused. Every check runs before a document changes, so after this exception the document
/// is exactly as it was.
/// </summary>
public sealed class OtException(OtErrorKind kind, string message) : Exception(message)
{
    public OtErrorKind Kind { get; } = kind;

    internal static OtException Malformed(string message) => new(OtErrorKind.Malformed, message);
    internal static OtException OutOfRange(string message) => new(OtErrorKind.OutOfRange, message);
    internal static OtException TooLarge(string message) => new(OtErrorKind.TooLarge, message);
}
