using Collab.Grains.Abstractions.Activity;
using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// The push side of one scope (key = scope name). Domain grains publish each event after it is in the log;
/// web nodes subscribe and re-subscribe periodically. Push is best-effort: a missed event shows as a seq gap,
/// and <see cref="Read"/> serves the missing range from the log.
/// </summary>
[Alias("collab.scope-feed")]
public interface IScopeFeedGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a subscription; one that is not refreshed expires.</summary>
    [Alias("subscribe")] Task Subscribe(IScopeObserver observer);
    [Alias("unsubscribe")] Task Unsubscribe(IScopeObserver observer);
    [OneWay, Alias("publish")] Task Publish(ScopeEvent scopeEvent);

    /// <summary>Consecutive events committed together (a document's batch), pushed in seq order: one message for all.</summary>
    [OneWay, Alias("publish-all")] Task PublishAll(IReadOnlyList<ScopeEvent> scopeEvents);
    [OneWay, Alias("publish-presence")] Task PublishPresence(PresenceSnapshot presence);

    /// <summary>A cursor or selection moved in a document; it is presence, so it is pushed and never stored.</summary>
    [OneWay, Alias("publish-cursor")] Task PublishCursor(CursorUpdate cursor);

    /// <summary>A dashboard's figures now (once a second while watched); pushed, never stored.</summary>
    [OneWay, Alias("publish-activity")] Task PublishActivity(ActivitySnapshot activity);

    /// <summary>A thread's new summary, pushed to its circle's scope for live lists; never stored.</summary>
    [OneWay, Alias("publish-thread-activity")] Task PublishThreadActivity(Threads.ThreadActivity activity);

    /// <summary>Whether any web node subscribes now (a dashboard pushes only while someone watches).</summary>
    [Alias("has-subscribers")] Task<bool> HasSubscribers();

    /// <summary>The scope's events after a seq, from the log (callers have authorized the reader).</summary>
    [Alias("read")] Task<IReadOnlyList<ScopeEvent>> Read(long afterSeq, int limit);
    [Alias("last-seq")] Task<long> LastSeq();
}
