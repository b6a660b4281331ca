using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Collab.Grains.Live;

/// <summary>
/// Fans a scope's events out to the web nodes that serve it. Grain observers rather than Orleans streams:
/// the push needs no storage and no polling, and observers live only in this activation's memory, which
/// is acceptable because web nodes re-subscribe every few seconds (a silo death or deactivation heals at the
/// next renewal) and because every event carries a seq, so whatever the push loses is read from the log.
/// Reentrant: publishing to many observers must not hold up the next publish or subscription.
/// </summary>
[Reentrant]
public sealed class ScopeFeedGrain : Grain, IScopeFeedGrain
{
    private readonly ObserverManager<IScopeObserver> _observers;
    private readonly IEventStore _events;

    public ScopeFeedGrain(IEventStore events, IOptions<CollabLiveOptions> options, ILogger<ScopeFeedGrain> logger)
    {
        _events = events;
        _observers = new ObserverManager<IScopeObserver>(options.Value.SubscriptionExpiry, logger);
    }

    private string Scope => this.GetPrimaryKeyString();

    public Task Subscribe(IScopeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IScopeObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(ScopeEvent scopeEvent) => _observers.Notify(o => o.OnEvent(scopeEvent));

    public async Task PublishAll(IReadOnlyList<ScopeEvent> scopeEvents)
    {
        foreach (var scopeEvent in scopeEvents) await Publish(scopeEvent);
    }

    public Task PublishPresence(PresenceSnapshot presence) => _observers.Notify(o => o.OnPresence(presence));

    public Task PublishCursor(CursorUpdate cursor) => _observers.Notify(o => o.OnCursor(cursor));

    public Task PublishActivity(ActivitySnapshot activity) => _observers.Notify(o => o.OnActivity(activity));

    public Task PublishThreadActivity(ThreadActivity activity) => _observers.Notify(o => o.OnThreadActivity(activity));

    public Task<bool> HasSubscribers()
    {
        _observers.ClearExpired();
        return Task.FromResult(_observers.Count > 0);
    }

    public async Task<IReadOnlyList<ScopeEvent>> Read(long afterSeq, int limit) =>
        (await _events.ReadEventsAsync(Scope, afterSeq, limit))
        .Select(ScopeLog.ToScopeEvent).ToList();

    public Task<long> LastSeq() => _events.GetLastSeqAsync(Scope);
}
