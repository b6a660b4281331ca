namespace Collab.Grains.Documents;

/// <summary>A flagged passage, in code points of the text at <paramref name="Revision"/>: the document's own index of its flags.</summary>
/// <param name="Start">The first code point of the passage at <paramref name="Revision"/>.</param>
/// <param name="End">The code point just after it.</param>
public sealed record PassageRange(long Revision, int Start, int End);
