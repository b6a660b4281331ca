namespace Collab.Grains.Documents.Ot;

/// <summary>
/// Walks an operation's components in pieces, like ot-text-unicode's <c>makeTake</c>: transform and compose
/// consume one operation in step with the other and may split its components. Past the last component the
/// operation retains forever, because a normalized operation leaves the rest of the document unchanged.
/// </summary>
internal sealed class ComponentReader(IReadOnlyList<OpComponent> components)
{
    private int index;
    // How far into the current component we are, in code points and (for its text) in UTF-16 units.
    private int offset;
    private int textOffset;

    /// <summary>The kind of the component under the reader, or null at the end (the library's <c>peek</c>).</summary>
    public OpKind? PeekKind() => index < components.Count ? components[index].Kind : null;

    /// <summary>
    /// Up to <paramref name="length"/> code points of the current component; a component of kind
    /// <paramref name="indivisible"/> is returned whole however long it is.
    /// </summary>
    public OpComponent Take(int length, OpKind? indivisible)
    {
        if (index == components.Count) return OpComponent.Retain(length);
        var c = components[index];
        return c.Length - offset <= length || c.Kind == indivisible ? TakeRest(c) : TakePart(c, length);
    }

    /// <summary>The rest of the current component, or null at the end.</summary>
    public OpComponent? TakeRest() => index == components.Count ? null : TakeRest(components[index]);

    private OpComponent TakeRest(OpComponent c)
    {
        var rest = offset == 0
            ? c
            : OpComponent.Trusted(c.Kind, c.Length - offset, c.Text?[textOffset..]);
        index++;
        offset = 0;
        textOffset = 0;
        return rest;
    }

    private OpComponent TakePart(OpComponent c, int length)
    {
        string? text = null;
        if (c.Text is not null)
        {
            var units = CodePointText.ToUtf16Index(c.Text.AsSpan(textOffset), length);
            text = c.Text.Substring(textOffset, units);
            textOffset += units;
        }
        offset += length;
        return OpComponent.Trusted(c.Kind, length, text);
    }
}
