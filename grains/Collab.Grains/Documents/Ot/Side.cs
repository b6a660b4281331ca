namespace Collab.Grains.Documents.Ot;

/// <summary>
/// Which of two concurrent operations goes first when both insert at the same position; the two ends of a
/// transform must pass opposite sides or they diverge (ot-text-unicode's 'left' / 'right').
/// </summary>
public enum Side
{
    /// <summary>The operation being transformed inserts before the other one's insert at the same position.</summary>
    Left = 0,
    /// <summary>The operation being transformed inserts after the other one's insert at the same position.</summary>
    Right = 1,
}
