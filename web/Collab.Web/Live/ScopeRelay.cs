using System.Collections.Concurrent;
using Collab.Grains;
using Collab.Grains.Abstractions.Live;
using Collab.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Collab.Web.Live;

/// <summary>
/// This web node's single observer of the scopes its browsers joined. It subscribes to a scope's feed grain
/// while at least one local connection listens, renews every subscription periodically (that is what makes
/// a silo death, a grain move or a restart of this node heal by itself), and forwards events to the
/// SignalR group of the scope strictly in seq order: a gap is filled from the log before anything after it.
/// </summary>
public sealed partial class ScopeRelay(
    IGrainFactory grains,
    IHubContext<CollabHub, ICollabClient> hub,
    IOptions<CollabLiveOptions> options,
    ILogger<ScopeRelay> logger) : BackgroundService, IScopeObserver
{
    private const int ReadPage = 200;

    private readonly ConcurrentDictionary<string, ScopeListeners> _scopes = new();
    private readonly TaskCompletionSource<IScopeObserver> _reference = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts listening to a scope for one more local connection; returns once subscribed.</summary>
    public async Task AddListener(string scope)
    {
        var listeners = _scopes.GetOrAdd(scope, s => new ScopeListeners(s));
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Count++ > 0) return;
            await Feed(scope).Subscribe(await _reference.Task);
            // Everything up to here reaches a joining client through its join answer, not through the push.
            listeners.LastForwarded = await Feed(scope).LastSeq();
        }
        finally
        {
            listeners.Gate.Release();
        }
    }

    public async Task RemoveListener(string scope)
    {
        if (!_scopes.TryGetValue(scope, out var listeners)) return;
        await listeners.Gate.WaitAsync();
        try
        {
            if (--listeners.Count > 0) return;
            _scopes.TryRemove(scope, out _);
            await Feed(scope).Unsubscribe(await _reference.Task);
        }
        finally
        {
            listeners.Gate.Release();
        }
    }

    public async Task OnEvent(ScopeEvent scopeEvent)
    {
        if (!_scopes.TryGetValue(scopeEvent.Scope, out var listeners)) return;
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Count == 0) return;
            await CatchUp(listeners, scopeEvent.Seq - 1);
            if (scopeEvent.Seq != listeners.LastForwarded + 1) return;
            await hub.Clients.Group(scopeEvent.Scope).Event(LiveEvent.From(scopeEvent));
            listeners.LastForwarded = scopeEvent.Seq;
        }
        finally
        {
            listeners.Gate.Release();
        }
    }

    public Task OnPresence(PresenceSnapshot presence) => hub.Clients.Group(presence.Scope).Presence(presence);

    /// <summary>Cursors are presence: pushed as they come, not ordered or gap-filled, and never back to their own connection.</summary>
    public Task OnCursor(CursorUpdate cursor) => hub.Clients.GroupExcept(cursor.Scope, [cursor.ConnectionId]).Cursor(cursor);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference.SetResult(grains.CreateObjectReference<IScopeObserver>(this));
        using var timer = new PeriodicTimer(options.Value.SubscriptionRefresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var listeners in _scopes.Values) await Renew(listeners);
        }
    }

    /// <summary>Renews the subscription and forwards anything the push lost, even when no new event follows.</summary>
    private async Task Renew(ScopeListeners listeners)
    {
        await listeners.Gate.WaitAsync();
        try
        {
            if (listeners.Count == 0) return;
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
            foreach (var e in missed)
            {
                await hub.Clients.Group(listeners.Scope).Event(LiveEvent.From(e));
                listeners.LastForwarded = e.Seq;
            }
        }
    }

    private IScopeFeedGrain Feed(string scope) => grains.GetGrain<IScopeFeedGrain>(scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to {Scope} failed; the next renewal retries")]
    private partial void LogRenewFailed(string scope, Exception exception);

    private sealed class ScopeListeners(string scope)
    {
        public string Scope { get; } = scope;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Count { get; set; }
        public long LastForwarded { get; set; }
    }
}
