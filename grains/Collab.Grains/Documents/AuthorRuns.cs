using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>
/// Who inserted each code point of a document's text, kept beside the text as runs of (author, length): each
/// operation moves the runs exactly as it moves the text (inserts add a run for their author, deletes cut runs
/// away), so the counts always describe the current text. Neighbouring runs of one author merge, so a document
/// written in long stretches by few people has few runs however long it is.
/// </summary>
public sealed class AuthorRuns
{
    private readonly List<AuthorRun> _runs = [];

    public AuthorRuns()
    {
    }

    public AuthorRuns(IEnumerable<AuthorRun> runs)
    {
        foreach (var run in runs)
        {
            if (run.Length <= 0) throw new ArgumentException("Runs must have a positive length.", nameof(runs));
            if (_runs.Count > 0 && _runs[^1].AuthorId == run.AuthorId) _runs[^1] = _runs[^1] with { Length = _runs[^1].Length + run.Length };
            else _runs.Add(run);
            Length += run.Length;
        }
    }

    /// <summary>Code points covered; always the length of the text the runs describe.</summary>
    public int Length { get; private set; }

    public IReadOnlyList<AuthorRun> Runs => _runs;

    /// <summary>Moves the runs as <paramref name="op"/> moves the text; what it inserts counts for <paramref name="authorId"/>.</summary>
    public void Apply(TextOperation op, string authorId)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.BaseLength > Length)
            throw new ArgumentException($"The operation reaches code point {op.BaseLength} but the runs cover only {Length}.", nameof(op));
        // The position walks the runs: run `index`, `offset` code points into it; (Count, 0) is the end.
        var at = new Position(0, 0);
        foreach (var c in op.Components)
        {
            at = c.Kind switch
            {
                OpKind.Retain => Skip(at, c.Length),
                OpKind.Insert => Insert(at, authorId, c.Length),
                _ => Remove(at, c.Length),
            };
        }
    }

    /// <summary>Code points per author, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CharactersByAuthor() =>
        _runs.GroupBy(r => r.AuthorId, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Length)))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    private Position Skip(Position at, int count)
    {
        var (index, offset) = at;
        while (count > 0)
        {
            var room = _runs[index].Length - offset;
            if (count < room) return new Position(index, offset + count);
            count -= room;
            (index, offset) = (index + 1, 0);
        }
        return new Position(index, offset);
    }

    private Position Insert(Position at, string authorId, int count)
    {
        var (index, offset) = at;
        Length += count;
        if (offset > 0)
        {
            var run = _runs[index];
            if (run.AuthorId == authorId)
            {
                _runs[index] = run with { Length = run.Length + count };
                return new Position(index, offset + count);
            }
            // Inside someone else's run: split it around the new one.
            _runs[index] = run with { Length = offset };
            _runs.Insert(index + 1, new AuthorRun(authorId, count));
            _runs.Insert(index + 2, run with { Length = run.Length - offset });
            return new Position(index + 2, 0);
        }
        if (index > 0 && _runs[index - 1].AuthorId == authorId)
        {
            _runs[index - 1] = _runs[index - 1] with { Length = _runs[index - 1].Length + count };
            return at;
        }
        if (index < _runs.Count && _runs[index].AuthorId == authorId)
        {
            _runs[index] = _runs[index] with { Length = _runs[index].Length + count };
            return new Position(index, count);
        }
        _runs.Insert(index, new AuthorRun(authorId, count));
        return new Position(index + 1, 0);
    }

    private Position Remove(Position at, int count)
    {
        var (index, offset) = at;
        Length -= count;
        while (count > 0)
        {
            var run = _runs[index];
            var taken = Math.Min(count, run.Length - offset);
            count -= taken;
            if (taken == run.Length)
            {
                _runs.RemoveAt(index);
                continue;
            }
            _runs[index] = run with { Length = run.Length - taken };
            if (offset == run.Length - taken) (index, offset) = (index + 1, 0);
        }
        // The runs on both sides of the cut may now touch and belong to one author: merge them.
        if (offset == 0 && index > 0 && index < _runs.Count && _runs[index - 1].AuthorId == _runs[index].AuthorId)
        {
            var before = _runs[index - 1].Length;
            _runs[index - 1] = _runs[index - 1] with { Length = before + _runs[index].Length };
            _runs.RemoveAt(index);
            return new Position(index - 1, before);
        }
        return new Position(index, offset);
    }

    private readonly record struct Position(int Index, int Offset);
}
