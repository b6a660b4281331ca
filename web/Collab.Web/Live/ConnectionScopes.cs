using Collab.Grains.Abstractions.Live;

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
    ILogger<ConnectionScopes> logger)
{
    /// <summary>
    /// The connection joins <paramref name="scope"/> (the grains have let its member in) and is live in
    /// <paramref name="presenceScopes"/>; joining a scope it is already in only refreshes its presence.
    /// </summary>
    public async Task Enter(LiveConnection connection, string scope, IReadOnlyList<string> presenceScopes)
    {
        await connection.Gate.WaitAsync();
        try
        {
            // A call that outlived its connection must not bring it back into groups or presence.
            if (!connections.IsOpen(connection)) return;
            var joined = connections.Join(connection, scope, CircleOf(presenceScopes));
            if (joined is not null)
            {
                try
                {
                    await relay.AddListener(scope, connection.Id);
                }
                catch
                {
                    connections.Leave(connection, joined);
                    throw;
                }
            }
            if (presenceScopes.Count > 0)
                await presence.Join(connection.Id, connection.MemberId, connection.DisplayName, scope, presenceScopes);
        }
        finally
        {
            connection.Gate.Release();
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

    /// <summary>The connection is gone: SignalR has dropped it from its groups; the relay and presence let it go here.</summary>
    public async Task Disconnect(LiveConnection connection)
    {
        await connection.Gate.WaitAsync();
        try
        {
            foreach (var joined in connections.Close(connection))
                await Attempt(() => relay.RemoveListener(joined.Scope), "stop listening", connection, joined.Scope);
            await Attempt(() => presence.Disconnect(connection.Id), "leave presence", connection, "*");
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    /// <summary>Out of the group first (under the relay's forwarding gate), then the rest; every step runs.</summary>
    private async Task TakeOut(LiveConnection connection, JoinedScope joined)
    {
        await Attempt(() => relay.RemoveListener(joined.Scope, connection.Id), "stop listening", connection, joined.Scope);
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
}
