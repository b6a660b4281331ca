using System.Security.Claims;
using Collab.Grains;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;
using Collab.Hosting;
using Collab.Hosting.Telemetry;
using Collab.Web.Auth;
using Collab.Web.Extensions;
using Collab.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Collab.Web.Hubs;

/// <summary>
/// The live connection of a browser. It translates only: every rule is decided by the grains it calls, the
/// same grains the HTTP API calls.
/// </summary>
public sealed partial class CollabHub(
    IGrainFactory grains,
    ScopeAccess access,
    LiveConnections connections,
    ConnectionScopes scopes,
    PresenceTracker presence,
    CollabMetrics metrics,
    IOptions<CollabLiveOptions> options,
    IOptions<CollabConnectionLimitsOptions> limits) : Hub<ICollabClient>
{
    private const int ReadPage = 200;
    /// <summary>How long a new connection waits out a silo hand-over (membership declares a lost silo dead in about 4 s).</summary>
    private static readonly TimeSpan OwnScopePatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OwnScopeRetryDelay = TimeSpan.FromMilliseconds(250);

    private string MemberId => Context.User!.MemberId();
    private string DisplayName => Context.User!.FindFirstValue(JwtRegisteredClaimNames.Name) ?? MemberId;

    /// <summary>This connection as the node's live bookkeeping knows it, from connecting to disconnecting.</summary>
    private LiveConnection Connection => connections.Find(Context.ConnectionId)
        ?? throw new InvalidOperationException($"Connection {Context.ConnectionId} is not open on this node.");

    /// <summary>Joins a scope with the last seq the caller saw (0 for none): answers what it missed, then streams live.</summary>
    public async Task<JoinResult> Join(string scope, long lastSeq)
    {
        if (lastSeq < 0) throw CollabException.Invalid("lastSeq", "'lastSeq' must not be negative.");
        EnsureRoomFor(scope);
        var admittedAt = scopes.AccessVersion;
        var platformModerator = Context.User!.HasPlatformModeratorClaim();
        var admission = await access.Admit(scope, MemberId, platformModerator);

        // Group first, then the backlog: an event is either in the answer or pushed afterwards, never lost.
        await scopes.Enter(Connection, scope, admission.PresenceScopes, admittedAt, admission.Circle);
        var feed = grains.GetGrain<IScopeFeedGrain>(scope);
        var current = await feed.LastSeq();
        var who = admission.PresenceScopes.Count > 0 ? await presence.Current(scope) : null;

        // A snapshot that knows its own seq (a document's text at its revision) is answered at that seq: events
        // after it arrive live or, if they fell between the snapshot and joining the group, as a gap to fill.
        if (lastSeq == 0 || lastSeq > current || current - lastSeq > options.Value.MaxReplayEvents)
        {
            // A snapshot that does not know its seq is read again now, after `current`: it holds at least every
            // event up to `current`, and events after it, pushed as well, are applied by clients as upserts.
            if (admission.SnapshotSeq is null) admission = await access.Admit(scope, MemberId, platformModerator);
            return new JoinResult(scope, admission.SnapshotSeq ?? current, true, admission.Snapshot, [], who);
        }

        var missed = new List<LiveEvent>();
        for (var after = lastSeq; after < current; after = missed[^1].Seq)
        {
            var page = await feed.Read(after, ReadPage);
            if (page.Count == 0) break;
            missed.AddRange(page.Select(LiveEvent.From));
        }
        if (missed.Count > 0) metrics.GapFilled("join", missed.Count);
        return new JoinResult(scope, missed.Count > 0 ? missed[^1].Seq : lastSeq, false, null, missed, who);
    }

    public Task Leave(string scope) => scopes.Leave(Connection, scope);

    public Task<CommentView> PostComment(string threadId, string text, long? parentId, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Post(MemberId, new PostComment(text, parentId, commandId));

    public Task<CommentView> EditComment(string threadId, long commentId, string text, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Edit(MemberId, commentId, text, commandId);

    public Task<CommentView> React(string threadId, long commentId, string emoji, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).React(MemberId, commentId, emoji, commandId);

    public Task<CommentView> Unreact(string threadId, long commentId, string emoji, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Unreact(MemberId, commentId, emoji, commandId);

    /// <summary>
    /// Viewing or typing in a joined scope; everyone live in it (and up the hierarchy) sees it. Joining is where the
    /// grains let a member into a scope, so a connection that was not let in is refused as any outsider is.
    /// </summary>
    public async Task SetActivity(string scope, PresenceActivity activity)
    {
        if (!Enum.IsDefined(activity)) throw CollabException.Invalid("activity", "'activity' must be Viewing or Typing.");
        if (!await presence.SetActivity(Context.ConnectionId, scope, activity))
            throw CollabException.Forbidden($"Join '{scope}' before setting an activity in it.");
    }

    public override async Task OnConnectedAsync()
    {
        var connection = connections.Open(Context.ConnectionId, MemberId, DisplayName);
        // While a silo stops or is lost, the member's feed grain may be moving to another silo: asked again shortly,
        // it answers from there. A connection refused here is closed with no reason the client can act on, so
        // the hand-over is waited out (bounded) rather than passed on.
        var patience = DateTime.UtcNow + OwnScopePatience;
        while (true)
        {
            try
            {
                // Every connection listens to its member's own scope: mentions arrive live in every open tab.
                await scopes.Enter(connection, Scopes.Of(Scopes.Member, MemberId), [], scopes.AccessVersion);
                break;
            }
            catch (Exception ex) when (ClusterOutage.IsOutage(ex) && DateTime.UtcNow < patience)
            {
                await Task.Delay(OwnScopeRetryDelay);
            }
            catch
            {
                // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
                await scopes.Disconnect(connection);
                throw;
            }
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Find(Context.ConnectionId) is { } connection) await scopes.Disconnect(connection);
        await base.OnDisconnectedAsync(exception);
    }


    private void EnsureRoomFor(string scope)
    {
        var connection = Connection;
        if (!connections.IsJoined(connection, scope) && connections.JoinedCount(connection) >= limits.Value.MaxJoinedScopesPerConnection)
            throw CollabException.LimitExceeded($"A connection can join at most {limits.Value.MaxJoinedScopesPerConnection} scopes; leave some first.");
    }
}
