namespace Collab.Grains.Documents.Ot;

/// <summary>
/// Transform, compose and cursor transformation: a line-by-line port of ot-text-unicode v4 (<c>dist/type.js</c>),
/// so the server and the browser library produce identical operations, component for component. The cross-check
/// tests in <c>tests/ot-vectors</c> run the library itself against this code.
/// </summary>
public sealed partial class TextOperation
{
    /// <summary>
    /// Rewrites <paramref name="op"/> to apply after <paramref name="other"/>, both made on the same document.
    /// <paramref name="side"/> breaks ties between inserts at one position; the other end must use the opposite
    /// side: <c>apply(apply(d, a), Transform(b, a, Right)) == apply(apply(d, b), Transform(a, b, Left))</c>.
    /// </summary>
    public static TextOperation Transform(TextOperation op, TextOperation other, Side side)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(other);
        var result = new TextOperationBuilder();
        var reader = new ComponentReader(op.components);
        foreach (var c2 in other.components)
        {
            var length = c2.Length;
            switch (c2.Kind)
            {
                case OpKind.Retain:
                    while (length > 0)
                    {
                        var c1 = reader.Take(length, OpKind.Insert);
                        result.Append(c1);
                        if (c1.Kind != OpKind.Insert) length -= c1.Length;
                    }
                    break;
                case OpKind.Insert:
                    if (side == Side.Left && reader.PeekKind() == OpKind.Insert) result.Append(reader.TakeRest()!.Value);
                    // The other side's insert is text this op never saw: step over it.
                    result.Retain(c2.Length);
                    break;
                case OpKind.Delete:
                    while (length > 0)
                    {
                        var c1 = reader.Take(length, OpKind.Insert);
                        // Our inserts survive; our retains and deletes of text the other op removed vanish.
                        if (c1.Kind == OpKind.Insert) result.Append(c1);
                        else length -= c1.Length;
                    }
                    break;
            }
        }
        while (reader.TakeRest() is { } rest) result.Append(rest);
        return result.Build();
    }

    /// <summary>One operation with the effect of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var result = new TextOperationBuilder();
        var reader = new ComponentReader(first.components);
        foreach (var c2 in second.components)
        {
            switch (c2.Kind)
            {
                case OpKind.Retain:
                    var length = c2.Length;
                    while (length > 0)
                    {
                        // Deletes of the first op take no room in the text the second op walks over.
                        var chunk = reader.Take(length, OpKind.Delete);
                        result.Append(chunk);
                        if (chunk.Kind != OpKind.Delete) length -= chunk.Length;
                    }
                    break;
                case OpKind.Insert:
                    result.Append(c2);
                    break;
                case OpKind.Delete:
                    ComposeDelete(reader, c2, result);
                    break;
            }
        }
        while (reader.TakeRest() is { } rest) result.Append(rest);
        return result.Build();
    }

    /// <summary>
    /// Where a cursor at code point <paramref name="position"/> ends up after <paramref name="op"/>: inserts before
    /// it push it right, an insert exactly at it leaves it in place, deletes over it pull it to their start.
    /// Matches ot-text-unicode's <c>transformPosition</c>. With <paramref name="ownOperation"/> (the cursor of whoever
    /// wrote <paramref name="op"/>, who was typing there) an insert exactly at it carries it along instead, as the
    /// web client's <c>transformOwnPosition</c> does.
    /// </summary>
    public static int TransformPosition(int position, TextOperation op, bool ownOperation = false)
    {
        ArgumentNullException.ThrowIfNull(op);
        var at = 0;
        for (var i = 0; i < op.components.Length && (position > at || (ownOperation && position == at)); i++)
        {
            var c = op.components[i];
            switch (c.Kind)
            {
                case OpKind.Retain:
                    at += c.Length;
                    break;
                case OpKind.Insert:
                    at += c.Length;
                    position += c.Length;
                    break;
                case OpKind.Delete:
                    position -= Math.Min(c.Length, position - at);
                    break;
            }
        }
        return position;
    }

    /// <summary>A selection (anchor and focus, either order) after <paramref name="op"/>; see <see cref="TransformPosition"/>.</summary>
    public static (int Anchor, int Focus) TransformSelection(int anchor, int focus, TextOperation op) =>
        (TransformPosition(anchor, op), TransformPosition(focus, op));

    private static void ComposeDelete(ComponentReader reader, OpComponent delete, TextOperationBuilder result)
    {
        var offset = 0;
        var textOffset = 0;
        while (offset < delete.Length)
        {
            var chunk = reader.Take(delete.Length - offset, OpKind.Delete);
            switch (chunk.Kind)
            {
                case OpKind.Retain:
                    // Text the first op kept is now deleted; keep the matching slice of the delete's text, if any.
                    if (delete.Text is null) result.Delete(chunk.Length);
                    else
                    {
                        var units = CodePointText.ToUtf16Index(delete.Text.AsSpan(textOffset), chunk.Length);
                        result.Append(OpComponent.Trusted(OpKind.Delete, chunk.Length, delete.Text.Substring(textOffset, units)));
                        textOffset += units;
                    }
                    offset += chunk.Length;
                    break;
                case OpKind.Insert:
                    // The second op deletes what the first inserted: both vanish. Step over the matching text.
                    if (delete.Text is not null)
                        textOffset += CodePointText.ToUtf16Index(delete.Text.AsSpan(textOffset), chunk.Length);
                    offset += chunk.Length;
                    break;
                case OpKind.Delete:
                    result.Append(chunk);
                    break;
            }
        }
    }
}
