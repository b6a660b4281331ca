using System.Text;
using System.Text.Json.Serialization;

namespace Collab.Grains.Documents.Ot;

/// <summary>
/// An immutable, normalized edit of a plain-text document in the wire format of the npm package
/// <c>ot-text-unicode</c> v4 (ShareDB's <c>text-unicode</c> type), so the browser can run the same library:
/// a list of retains, inserts and deletes over code points, with no empty components, no two adjacent
/// components of one kind and no trailing retain. The operation leaves the rest of the document after its
/// last component untouched, so it applies to any document at least <see cref="BaseLength"/> long.
/// </summary>
[JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    /// <summary>The default cap on code points inserted by one operation (a large paste, not a whole book).</summary>
    public const int DefaultMaxInsertCodePoints = 100_000;

    private readonly OpComponent[] components;

    private TextOperation(OpComponent[] components, int baseLength, int insertedCodePoints, int deletedCodePoints)
    {
        this.components = components;
        BaseLength = baseLength;
        InsertedCodePoints = insertedCodePoints;
        DeletedCodePoints = deletedCodePoints;
    }

    /// <summary>The operation that changes nothing, <c>[]</c>.</summary>
    public static TextOperation Empty { get; } = new([], 0, 0, 0);

    public IReadOnlyList<OpComponent> Components => components;

    public bool IsNoop => components.Length == 0;

    /// <summary>Code points the operation reads (retained plus deleted): the shortest document it applies to.</summary>
    public int BaseLength { get; }

    public int InsertedCodePoints { get; }

    public int DeletedCodePoints { get; }

    /// <summary>The code point length of a document of <paramref name="documentLength"/> after this operation.</summary>
    public int LengthAfter(int documentLength) => documentLength + InsertedCodePoints - DeletedCodePoints;

    /// <summary>Inserts <paramref name="text"/> at code point <paramref name="position"/>.</summary>
    public static TextOperation Insert(int position, string text) => Splice(position, 0, text);

    /// <summary>Deletes <paramref name="count"/> code points starting at <paramref name="position"/>.</summary>
    public static TextOperation Delete(int position, int count) => Splice(position, count, "");

    /// <summary>Array.splice on code points, as the editing traces record edits: delete, then insert, at one position.</summary>
    public static TextOperation Splice(int position, int deleteCount, string insertText)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(deleteCount);
        ArgumentNullException.ThrowIfNull(insertText);
        // Already normal (three kinds in a row never merge), so built directly: this is every keystroke's operation.
        if (deleteCount == 0 && insertText.Length == 0) return Empty;
        var count = (position > 0 ? 1 : 0) + (deleteCount > 0 ? 1 : 0) + (insertText.Length > 0 ? 1 : 0);
        var components = new OpComponent[count];
        var at = 0;
        if (position > 0) components[at++] = OpComponent.Retain(position);
        if (deleteCount > 0) components[at++] = OpComponent.Delete(deleteCount);
        if (insertText.Length > 0) components[at] = OpComponent.Insert(insertText);
        return FromNormalized(components);
    }

    /// <summary>Normalizes any sequence of components (merging neighbours, dropping a trailing retain).</summary>
    public static TextOperation FromComponents(IEnumerable<OpComponent> components)
    {
        var builder = new TextOperationBuilder();
        foreach (var component in components) builder.Append(component);
        return builder.Build();
    }

    /// <summary>Only the builder and <see cref="Splice"/> call this: they guarantee the array is normalized.</summary>
    internal static TextOperation FromNormalized(OpComponent[] components)
    {
        long read = 0, inserted = 0, deleted = 0;
        foreach (var c in components)
        {
            switch (c.Kind)
            {
                case OpKind.Retain: read += c.Length; break;
                case OpKind.Insert: inserted += c.Length; break;
                case OpKind.Delete: read += c.Length; deleted += c.Length; break;
            }
        }
        if (read > int.MaxValue || inserted > int.MaxValue)
            throw OtException.TooLarge("The operation spans more than 2^31 code points.");
        return new TextOperation(components, (int)read, (int)inserted, (int)deleted);
    }

    /// <summary>
    /// Refuses the operation for a document of <paramref name="documentCodePoints"/> when it reaches past its end
    /// or inserts more than <paramref name="maxInsertCodePoints"/>; call before applying anything.
    /// </summary>
    public void Validate(int documentCodePoints, int maxInsertCodePoints = DefaultMaxInsertCodePoints)
    {
        if (BaseLength > documentCodePoints)
            throw OtException.OutOfRange(
                $"The operation reaches code point {BaseLength} but the document has only {documentCodePoints}.");
        if (InsertedCodePoints > maxInsertCodePoints)
            throw OtException.TooLarge(
                $"The operation inserts {InsertedCodePoints} code points; at most {maxInsertCodePoints} are allowed.");
    }

    /// <summary>
    /// The text after this operation. Builds a new string, so use it for short texts and tests; a document edited
    /// many times should be a <see cref="TextDocument"/>.
    /// </summary>
    public string Apply(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = new StringBuilder(document.Length + InsertedCodePoints * 2);
        var at = 0;
        foreach (var c in components)
        {
            if (c.Kind == OpKind.Insert)
            {
                result.Append(c.Text);
                continue;
            }
            if (!CodePointText.TryGetUtf16Index(document.AsSpan(at), c.Length, out var length))
                throw OtException.OutOfRange(
                    $"The operation reaches code point {BaseLength} but the document has only {CodePointText.Count(document)}.");
            if (c.Kind == OpKind.Retain) result.Append(document, at, length);
            at += length;
        }
        return result.Append(document, at, document.Length - at).ToString();
    }

    /// <summary>The same operation with deletes reduced to counts (smaller to store; no longer invertible).</summary>
    public TextOperation WithoutDeletedText()
    {
        if (!Array.Exists(components, c => c.Kind == OpKind.Delete && c.Text is not null)) return this;
        var stripped = Array.ConvertAll(components,
            c => c.Kind == OpKind.Delete ? OpComponent.Trusted(OpKind.Delete, c.Length, null) : c);
        return new TextOperation(stripped, BaseLength, InsertedCodePoints, DeletedCodePoints);
    }

    public bool Equals(TextOperation? other) =>
        other is not null && components.AsSpan().SequenceEqual(other.components);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in components) hash.Add(c);
        return hash.ToHashCode();
    }

    public override string ToString() => ToJson();
}
