using Collab.Grains.Abstractions.Circles;

namespace Collab.Grains.Circles;

/// <summary>
/// A sliding window of one member's posts in one circle, in memory: a rate limit protects the circle now, so
/// forgetting it when the grain moves (at worst one window's worth of extra posts) is the right trade for a write-free check.
/// </summary>
public sealed class PostingBudgetGrain(TimeProvider time) : Grain, IPostingBudgetGrain
{
    private readonly Queue<DateTimeOffset> _recent = new();

    public Task<DateTimeOffset?> Take(int limit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        while (_recent.Count > 0 && _recent.Peek() <= now - window) _recent.Dequeue();
        while (_recent.Count > limit) _recent.Dequeue();
        if (_recent.Count >= limit) return Task.FromResult<DateTimeOffset?>(_recent.Peek() + window);
        _recent.Enqueue(now);
        return Task.FromResult<DateTimeOffset?>(null);
    }
}
