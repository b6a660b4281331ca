using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Web.Live;

/// <summary>
/// Puts this node's connections into scopes and takes them out again. Each move is a few steps (the relay's
/// listener and SignalR group, the watch on the circle the scope lives under, presence) taken under the
/// connection's gate, so the moves of one connection never interleave. Taking a connection out runs every
/// step even when one fails: a failing feed call must not leave the connection in presence as a ghost.
/// </summary>
public sealed partial class ConnectionScopes(
    LiveConnections connections,
    ScopeRelay relay,
    PresenceTracker presence,
    ScopeAccess access,
    AccessChanges accessChanges,
    IHubContext<CollabHub, ICollabClient> hub,
    ILogger<ConnectionScopes> logger)
{
    /// <summary>Read before asking the grains to let a connection in; passed to <see cref="Enter"/>.</summary>
    public long AccessVersion => accessChanges.Version;

    /// <summary>
    /// The connection joins <paramref name="scope"/> (the grains let its member in when <see cref="AccessVersion"/>
    /// was <paramref name="admittedAt"/>) and is live in <paramref name="presenceScopes"/>; joining a scope it is
    /// already in only refreshes its presence. Throws the grain's refusal if access changed meanwhile and the
    /// member may no longer read the scope. <paramref name="circle"/> names the circle whose changes of access
    /// concern the scope when it is not one of <paramref name="presenceScopes"/>.
    /// </summary>
    public async Task Enter(LiveConnection connection, string scope, IReadOnlyList<string> presenceScopes, long admittedAt, string? circle = null)
    {
        circle ??= CircleOf(presenceScopes);
        await connection.Gate.WaitAsync();
        try
        {
            // A call that outlived its connection must not bring it back into groups or presence.
            if (!connections.IsOpen(connection)) return;
            if (connections.Join(connection, scope, circle) is { } joined) await StartListening(connection, joined);
            if (presenceScopes.Count > 0)
                await presence.Join(connection.Id, connection.MemberId, connection.DisplayName, scope, presenceScopes);
        }
        finally
        {
            connection.Gate.Release();
        }

        // A change of access the node saw after the grains said yes may have been looked up before the scope was
        // recorded above, so it would have found nothing to revoke: ask the grains once more. One seen after the
        // scope was recorded finds it, so an unchanged version needs no second call.
        if (circle is null || accessChanges.Version == admittedAt) return;
        try
        {
            await access.EnsureCanRead(scope, connection.MemberId);
        }
        catch (CollabException)
        {
            await Leave(connection, scope);
            throw;
        }
    }

    public async Task Leave(LiveConnection connection, string scope)
    {
        await connection.Gate.WaitAsync();
        try
        {
            if (connections.Leave(connection, scope) is { } joined) await TakeOut(connection, joined);
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    /// <summary>
    /// The member may no longer read what the connection joined: it is taken out (out of the group first, so no
    /// event of the scope follows) and then told why. Nothing happens if it left or joined the scope again since.
    /// </summary>
    public async Task Revoke(LiveConnection connection, JoinedScope joined, string reason)
    {
        await connection.Gate.WaitAsync();
        try
        {
            if (!connections.Leave(connection, joined)) return;
            await TakeOut(connection, joined);
            LogRevoked(connection.MemberId, connection.Id, joined.Scope, reason);
            await hub.Clients.Client(connection.Id).Revoked(new ScopeRevoked(joined.Scope, reason));
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    /// <summary>The connection is gone: SignalR has dropped it from its groups; the relay and presence let it go here.</summary>
    public async Task Disconnect(LiveConnection connection)
    {
        await connection.Gate.WaitAsync();
        try
        {
            foreach (var joined in connections.Close(connection))
            {
                await Attempt(() => relay.RemoveListener(joined.Scope), "stop listening", connection, joined.Scope);
                if (joined.Circle is { } circle) await Attempt(() => relay.Unwatch(circle), "stop watching the circle", connection, joined.Scope);
            }
            await Attempt(() => presence.Disconnect(connection.Id), "leave presence", connection, "*");
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    private async Task StartListening(LiveConnection connection, JoinedScope joined)
    {
        var listening = false;
        try
        {
            await relay.AddListener(joined.Scope, connection.Id);
            listening = true;
            if (joined.Circle is { } circle) await relay.Watch(circle);
        }
        catch
        {
            connections.Leave(connection, joined);
            if (listening) await Attempt(() => relay.RemoveListener(joined.Scope, connection.Id), "stop listening", connection, joined.Scope);
            throw;
        }
    }

    /// <summary>Out of the group first (under the relay's forwarding gate), then the rest; every step runs.</summary>
    private async Task TakeOut(LiveConnection connection, JoinedScope joined)
    {
        await Attempt(() => relay.RemoveListener(joined.Scope, connection.Id), "stop listening", connection, joined.Scope);
        if (joined.Circle is { } circle) await Attempt(() => relay.Unwatch(circle), "stop watching the circle", connection, joined.Scope);
        await Attempt(() => presence.Leave(connection.Id, joined.Scope), "leave presence", connection, joined.Scope);
    }

    /// <summary>A cleanup step that fails is logged and skipped; the subscription or report it left behind expires by itself.</summary>
    private async Task Attempt(Func<Task> step, string what, LiveConnection connection, string scope)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            LogCleanupStepFailed(what, connection.Id, scope, ex);
        }
    }

    /// <summary>Every scope but a member's own inbox lives under one circle, and its presence rolls up to it.</summary>
    private static string? CircleOf(IReadOnlyList<string> presenceScopes) =>
        presenceScopes.FirstOrDefault(s => Scopes.TryParse(s, out var kind, out _) && kind == Scopes.Circle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} for connection {ConnectionId} in {Scope}; the other cleanup steps still ran")]
    private partial void LogCleanupStepFailed(string what, string connectionId, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {Member} (connection {ConnectionId}) may no longer read {Scope}: {Reason}")]
    private partial void LogRevoked(string member, string connectionId, string scope, string reason);
}
