using System.Text;

namespace Collab.Grains.Documents.Ot;

/// <summary>
/// Builds a normalized <see cref="TextOperation"/> the way ot-text-unicode's <c>append</c> does: empty steps
/// are dropped, adjacent steps of one kind merge (two deletes keep their text only when both have it), and a
/// trailing retain is trimmed. Insert and delete-text runs grow in a <see cref="StringBuilder"/> so that many
/// small adjacent components cost linear time, not quadratic.
/// </summary>
public sealed class TextOperationBuilder
{
    private readonly List<OpComponent> done = [];
    private bool hasTail;
    private OpKind tailKind;
    private long tailLength;
    private string? tailText;
    private StringBuilder? tailRun;

    public TextOperationBuilder Retain(int count) => Append(OpKind.Retain, count, null);

    public TextOperationBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? this : Append(OpComponent.Insert(text));
    }

    public TextOperationBuilder Delete(int count) => Append(OpKind.Delete, count, null);

    public TextOperationBuilder Delete(string deletedText)
    {
        ArgumentNullException.ThrowIfNull(deletedText);
        return deletedText.Length == 0 ? this : Append(OpComponent.Delete(deletedText));
    }

    public TextOperationBuilder Append(OpComponent component) =>
        component.Length == 0 ? this : Append(component.Kind, component.Length, component.Text);

    /// <summary>The operation built so far; the builder is empty again afterwards.</summary>
    public TextOperation Build()
    {
        if (hasTail && tailKind != OpKind.Retain) Flush();
        hasTail = false;
        tailRun = null;
        var components = done.ToArray();
        done.Clear();
        return components.Length == 0 ? TextOperation.Empty : TextOperation.FromNormalized(components);
    }

    private TextOperationBuilder Append(OpKind kind, int length, string? text)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return this;
        if (hasTail && tailKind == kind)
        {
            tailLength += length;
            if (tailLength > int.MaxValue) throw OtException.TooLarge("A component of the operation is longer than 2^31 code points.");
            if (kind == OpKind.Retain) return this;
            if (tailText is not null && text is not null)
                (tailRun ??= new StringBuilder(tailText)).Append(text);
            else
            {
                // A delete with text merged with a bare one keeps only the count, as the library does.
                tailText = null;
                tailRun = null;
            }
            return this;
        }
        if (hasTail) Flush();
        hasTail = true;
        tailKind = kind;
        tailLength = length;
        tailText = text;
        tailRun = null;
        return this;
    }

    private void Flush()
    {
        var text = tailRun?.ToString() ?? tailText;
        done.Add(OpComponent.Trusted(tailKind, (int)tailLength, text));
        tailRun = null;
    }
}
