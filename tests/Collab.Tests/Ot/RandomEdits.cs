using System.Text;
using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// Random documents and operations for the property tests. Texts mix ASCII with surrogate pairs ("😀", "𝄞"), a
/// skin-tone modifier and a combining accent, so any UTF-16 / code point mix-up shows as a wrong result.
/// </summary>
public sealed class RandomEdits(int seed)
{
    private static readonly string[] Alphabet = ["a", "b", "c", "x", " ", "\n", "é", "e", "\u0301", "中", "😀", "𝄞", "👍", "\U0001F3FD", "🤖"];

    private readonly Random random = new(seed);

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public string Text(int codePoints)
    {
        var text = new StringBuilder();
        for (var i = 0; i < codePoints; i++) text.Append(Alphabet[random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    public string Document(int maxCodePoints = 30) => Text(random.Next(maxCodePoints + 1));

    /// <summary>
    /// An operation valid on <paramref name="document"/>: retains, inserts and deletes (some carrying their text)
    /// anywhere including the very end, often inserting at the same spots another random op would.
    /// </summary>
    public TextOperation Operation(string document)
    {
        var length = CodePointText.Count(document);
        var builder = new TextOperationBuilder();
        var at = 0;
        while (at < length && random.Next(8) != 0)
        {
            var skip = random.Next(Math.Min(length - at, 6));
            builder.Retain(skip);
            at += skip;
            if (at < length && random.Next(2) == 0)
            {
                var count = 1 + random.Next(Math.Min(length - at, 8));
                if (random.Next(3) == 0) builder.Delete(CodePointText.Slice(document, at, count));
                else builder.Delete(count);
                at += count;
            }
            else
            {
                builder.Insert(Text(1 + random.Next(4)));
            }
        }
        if (random.Next(4) == 0) builder.Retain(length - at).Insert(Text(1 + random.Next(3)));
        return builder.Build();
    }
}
