using System.Collections.Concurrent;
using Collab.Grains;
using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;
using Collab.Hosting.Telemetry;
using Collab.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// This web node's single observer of the scopes its browsers joined. It subscribes to a scope's feed grain
/// while at least one local connection listens, renews every subscription periodically (that is what makes
/// a silo death, a grain move or a restart of this node heal by itself), and forwards events to the
/// SignalR group of the scope strictly in seq order: a gap is filled from the log before anything after it.
/// Connections join and leave a scope's group under the same per-scope gate the forwarding holds, so once a
/// connection is out of a group, nothing more of that scope is on its way to it.
/// It also watches the circle of every scope a local connection joined, even when nobody here joined the
/// circle itself (one subscription per circle, as for any scope), and hands the circle's changes of access to
/// <see cref="AccessChanges"/>.
/// </summary>
public sealed partial class ScopeRelay(
    IGrainFactory grains,
    IHubContext<CollabHub, ICollabClient> hub,
    AccessChanges accessChanges,
    CollabMetrics metrics,
    IOptions<CollabLiveOptions> options,
    ILogger<ScopeRelay> logger) : BackgroundService, IScopeObserver
{
    private const int ReadPage = 200;

    private readonly ConcurrentDictionary<string, ScopeListeners> _scopes = new();
    private readonly TaskCompletionSource<IScopeObserver> _reference = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A local connection listens to the scope: it joins the scope's group, subscribed before this returns.</summary>
    public async Task AddListener(string scope, string connectionId)
    {
        var listeners = await Hold(scope);
        try
        {
            if (!listeners.Active) await Start(listeners);
            await hub.Groups.AddToGroupAsync(connectionId, scope);
            listeners.Listening++;
        }
        finally
        {
            Release(listeners);
        }
    }

    /// <summary>
    /// A connection stops listening to the scope. Pass its id to take it out of the scope's group (under the
    /// forwarding gate); a closed connection has left its groups already.
    /// </summary>
    public async Task RemoveListener(string scope, string? connectionId = null)
    {
        if (!_scopes.TryGetValue(scope, out var listeners)) return;
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Retired) return;
            listeners.Listening--;
            if (connectionId is not null) await hub.Groups.RemoveFromGroupAsync(connectionId, scope);
            await StopWhenIdle(listeners);
        }
        finally
        {
            Release(listeners);
        }
    }

    /// <summary>One more local connection joined a scope under <paramref name="circle"/>: the node watches the circle's changes of access.</summary>
    public async Task Watch(string circle)
    {
        var listeners = await Hold(circle);
        try
        {
            if (!listeners.Active) await Start(listeners);
            listeners.Watching++;
        }
        finally
        {
            Release(listeners);
        }
    }

    public async Task Unwatch(string circle)
    {
        if (!_scopes.TryGetValue(circle, out var listeners)) return;
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Retired) return;
            listeners.Watching--;
            await StopWhenIdle(listeners);
        }
        finally
        {
            Release(listeners);
        }
    }

    public async Task OnEvent(ScopeEvent scopeEvent)
    {
        if (!_scopes.TryGetValue(scopeEvent.Scope, out var listeners)) return;
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Retired) return;
            await CatchUp(listeners, scopeEvent.Seq - 1);
            if (scopeEvent.Seq != listeners.LastForwarded + 1) return;
            await Forward(listeners, scopeEvent);
        }
        finally
        {
            listeners.Gate.Release();
        }
    }

    public Task OnPresence(PresenceSnapshot presence) => hub.Clients.Group(presence.Scope).Presence(presence);

    /// <summary>Cursors are presence: pushed as they come, not ordered or gap-filled, and never back to their own connection.</summary>
    public Task OnCursor(CursorUpdate cursor) => hub.Clients.GroupExcept(cursor.Scope, [cursor.ConnectionId]).Cursor(cursor);

    /// <summary>A dashboard's figures are about now, like presence: pushed as they come, nothing to order or fill.</summary>
    public Task OnActivity(ActivitySnapshot activity) => hub.Clients.Group(activity.Scope).Activity(activity);

    /// <summary>A thread's summary for a circle's lists is about now as well: pushed as it comes, never stored, nothing to fill.</summary>
    public Task OnThreadActivity(ThreadActivity activity) => hub.Clients.Group(activity.Scope).ThreadActivity(activity);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference.SetResult(grains.CreateObjectReference<IScopeObserver>(this));
        using var timer = new PeriodicTimer(options.Value.SubscriptionRefresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var listeners in _scopes.Values) await Renew(listeners);
        }
    }

    /// <summary>The scope's listeners, gate held; a retired entry (its last listener left meanwhile) is never handed out.</summary>
    private async Task<ScopeListeners> Hold(string scope)
    {
        while (true)
        {
            var listeners = _scopes.GetOrAdd(scope, s => new ScopeListeners(s));
            await listeners.Gate.WaitAsync();
            if (!listeners.Retired) return listeners;
            listeners.Gate.Release();
        }
    }

    /// <summary>Releases the gate, retiring first an entry nobody listens through (a start that failed leaves one).</summary>
    private void Release(ScopeListeners listeners)
    {
        if (!listeners.Active) Retire(listeners);
        listeners.Gate.Release();
    }

    private async Task Start(ScopeListeners listeners)
    {
        await Feed(listeners.Scope).Subscribe(await _reference.Task);
        // Everything up to here reaches a joining client through its join answer, not through the push.
        listeners.LastForwarded = await Feed(listeners.Scope).LastSeq();
        if (Scopes.TryParse(listeners.Scope, out var kind, out _) && kind == Scopes.Circle) accessChanges.CircleSubscriptionStarted();
    }

    private async Task StopWhenIdle(ScopeListeners listeners)
    {
        if (listeners.Active) return;
        Retire(listeners);
        await Feed(listeners.Scope).Unsubscribe(await _reference.Task);
    }

    private void Retire(ScopeListeners listeners)
    {
        if (listeners.Retired) return;
        listeners.Retired = true;
        _scopes.TryRemove(new KeyValuePair<string, ScopeListeners>(listeners.Scope, listeners));
    }

    /// <summary>Renews the subscription and forwards anything the push lost, even when no new event follows.</summary>
    private async Task Renew(ScopeListeners listeners)
    {
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Retired) return;
            await Feed(listeners.Scope).Subscribe(await _reference.Task);
            await CatchUp(listeners, await Feed(listeners.Scope).LastSeq());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenewFailed(listeners.Scope, ex);
        }
        finally
        {
            listeners.Gate.Release();
        }
    }

    /// <summary>Forwards, from the log, every event after the last forwarded one up to <paramref name="upTo"/>.</summary>
    private async Task CatchUp(ScopeListeners listeners, long upTo)
    {
        while (listeners.LastForwarded < upTo)
        {
            var missed = await Feed(listeners.Scope).Read(listeners.LastForwarded, (int)Math.Min(ReadPage, upTo - listeners.LastForwarded));
            if (missed.Count == 0) return;
            metrics.GapFilled("relay", missed.Count);
            foreach (var e in missed) await Forward(listeners, e);
        }
    }

    private async Task Forward(ScopeListeners listeners, ScopeEvent scopeEvent)
    {
        if (listeners.Listening > 0)
        {
            await hub.Clients.Group(listeners.Scope).Event(LiveEvent.From(scopeEvent));
            metrics.Delivered(listeners.Listening);
        }
        listeners.LastForwarded = scopeEvent.Seq;
        accessChanges.Observe(scopeEvent);
    }

    private IScopeFeedGrain Feed(string scope) => grains.GetGrain<IScopeFeedGrain>(scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to {Scope} failed; the next renewal retries")]
    private partial void LogRenewFailed(string scope, Exception exception);

    /// <summary>Guarded by its gate. Retired once nobody listens: it is then out of the map and never used again.</summary>
    private sealed class ScopeListeners(string scope)
    {
        public string Scope { get; } = scope;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Listening { get; set; }

        /// <summary>Scopes joined here under this circle (for a circle scope).</summary>
        public int Watching { get; set; }

        public bool Active => Listening > 0 || Watching > 0;
        public bool Retired { get; set; }
        public long LastForwarded { get; set; }
    }
}
