using System.Security.Claims;
using Collab.Grains;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;
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
    ScopeRelay relay,
    PresenceTracker presence,
    IOptions<CollabLiveOptions> options,
    IOptions<CollabConnectionLimitsOptions> limits) : Hub<ICollabClient>
{
    private const int ReadPage = 200;

    private string MemberId => Context.User!.MemberId();
    private string DisplayName => Context.User!.FindFirstValue(JwtRegisteredClaimNames.Name) ?? MemberId;

    /// <summary>Joins a scope with the last seq the caller saw (0 for none): answers what it missed, then streams live.</summary>
    public async Task<JoinResult> Join(string scope, long lastSeq)
    {
        if (lastSeq < 0) throw CollabException.Invalid("lastSeq", "'lastSeq' must not be negative.");
        EnsureRoomFor(scope);
        var admission = await access.Admit(scope, MemberId);

        // Group first, then the backlog: an event is either in the answer or pushed afterwards, never lost.
        await Groups.AddToGroupAsync(Context.ConnectionId, scope);
        if (Joined().Add(scope)) await relay.AddListener(scope);
        var feed = grains.GetGrain<IScopeFeedGrain>(scope);
        var current = await feed.LastSeq();
        if (admission.PresenceScopes.Count > 0)
            await presence.Join(Context.ConnectionId, MemberId, DisplayName, scope, admission.PresenceScopes);
        var who = admission.PresenceScopes.Count > 0 ? await presence.Current(scope) : null;

        // A snapshot that knows its own seq (a document's text at its revision) is answered at that seq: events
        // after it arrive live or, if they fell between the snapshot and joining the group, as a gap to fill.
        if (lastSeq == 0 || lastSeq > current || current - lastSeq > options.Value.MaxReplayEvents)
        {
            // A snapshot that does not know its seq is read again now, after `current`: it holds at least every
            // event up to `current`, and events after it, pushed as well, are applied by clients as upserts.
            if (admission.SnapshotSeq is null) admission = await access.Admit(scope, MemberId);
            return new JoinResult(scope, admission.SnapshotSeq ?? current, true, admission.Snapshot, [], who);
        }

        var missed = new List<LiveEvent>();
        for (var after = lastSeq; after < current; after = missed[^1].Seq)
        {
            var page = await feed.Read(after, ReadPage);
            if (page.Count == 0) break;
            missed.AddRange(page.Select(LiveEvent.From));
        }
        return new JoinResult(scope, missed.Count > 0 ? missed[^1].Seq : lastSeq, false, null, missed, who);
    }

    public async Task Leave(string scope)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, scope);
        if (Joined().Remove(scope)) await relay.RemoveListener(scope);
        await presence.Leave(Context.ConnectionId, scope);
    }

    public Task<CommentView> PostComment(string threadId, string text, long? parentId, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Post(MemberId, new PostComment(text, parentId, RequireCommandId(commandId)));

    public Task<CommentView> EditComment(string threadId, long commentId, string text, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Edit(MemberId, commentId, text, RequireCommandId(commandId));

    public Task<CommentView> React(string threadId, long commentId, string emoji, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).React(MemberId, commentId, emoji, RequireCommandId(commandId));

    public Task<CommentView> Unreact(string threadId, long commentId, string emoji, string commandId) =>
        grains.GetGrain<IThreadGrain>(threadId).Unreact(MemberId, commentId, emoji, RequireCommandId(commandId));

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
        // Every connection listens to its member's own scope: mentions arrive live in every open tab.
        var own = Scopes.Of(Scopes.Member, MemberId);
        await Groups.AddToGroupAsync(Context.ConnectionId, own);
        Joined().Add(own);
        await relay.AddListener(own);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var scope in Joined()) await relay.RemoveListener(scope);
        await presence.Disconnect(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    private static string RequireCommandId(string? commandId) =>
        string.IsNullOrWhiteSpace(commandId) || commandId.Length > 100
            ? throw CollabException.Invalid("commandId", "'commandId' must be a client-generated id of 1 to 100 characters.")
            : commandId;

    private void EnsureRoomFor(string scope)
    {
        if (!Joined().Contains(scope) && Joined().Count >= limits.Value.MaxJoinedScopesPerConnection)
            throw CollabException.LimitExceeded($"A connection can join at most {limits.Value.MaxJoinedScopesPerConnection} scopes; leave some first.");
    }

    private HashSet<string> Joined() =>
        (HashSet<string>)(Context.Items.TryGetValue("joined", out var set) ? set! : Context.Items["joined"] = new HashSet<string>());
}
