using System.Collections.Concurrent;
using Collab.Grains.Abstractions.Live;

namespace Collab.Tests.Journal;

/// <summary>
/// A real grain observer subscribed to a scope's feed, as a web node is: what clients would be pushed after
/// <paramref name="afterSeq"/>. Earlier events are ignored: their one-way push may still be on its way when it subscribes.
/// </summary>
public sealed class ScopeEventRecorder(long afterSeq) : IScopeObserver
{
    private readonly ConcurrentQueue<ScopeEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<ScopeEvent> Events => _events.ToList();

    public Task OnEvent(ScopeEvent scopeEvent)
    {
        if (scopeEvent.Seq <= afterSeq) return Task.CompletedTask;
        _events.Enqueue(scopeEvent);
        _arrived.Release();
        return Task.CompletedTask;
    }

    public Task OnPresence(PresenceSnapshot presence) => Task.CompletedTask;

    public Task OnCursor(CursorUpdate cursor) => Task.CompletedTask;

    public Task OnActivity(Collab.Grains.Abstractions.Activity.ActivitySnapshot activity) => Task.CompletedTask;

    public Task OnThreadActivity(Collab.Grains.Abstractions.Threads.ThreadActivity activity) => Task.CompletedTask;

    /// <summary>Waits, with a generous deadline, until at least <paramref name="count"/> events arrived.</summary>
    public async Task WaitFor(int count)
    {
        while (_events.Count < count)
            if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(30))) throw new TimeoutException($"Only {_events.Count} of {count} events arrived.");
    }
}
