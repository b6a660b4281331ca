using System.Net.Http.Json;
using System.Text.Json;

namespace Collab.Tests.Security;

/// <summary>
/// One valid call for every HTTP route and every hub method, aimed at <see cref="SweepTargets"/>: real ids, text
/// within limits, fresh command ids, operations that apply. Called by a member with every right, each one
/// succeeds (the sweep checks that), so when a member without rights is refused, the rights check is what said no.
/// A route or hub method missing here fails the sweep by name: add its valid call when you add it.
/// </summary>
public static class AccessTable
{
    /// <summary>A call the sweep makes; <paramref name="Why"/> says why it is open to the callers it is open to.</summary>
    /// <param name="Last">Run after the others when one actor makes every call: it takes the actor's rights away.</param>
    public sealed record HttpCall(string Route, Func<SweepTargets, HttpRequestMessage> Request, string? Why = null, bool Last = false);

    public sealed record HubCall(string Method, Func<SweepTargets, object?[]> Arguments, string? Why = null);

    /// <summary>Routes guarded by the rights of the caller over the targets: a member without them gets 403, exactly.</summary>
    public static readonly HttpCall[] Guarded =
    [
        new("GET /api/circles/{circleId}", t => Get($"/api/circles/{t.Circle}")),
        new("POST /api/circles/{circleId}/join", t => Send("POST", $"/api/circles/{t.Circle}/join", new { })),
        new("PATCH /api/circles/{circleId}", t => Send("PATCH", $"/api/circles/{t.Circle}", new { description = "A better description" })),
        new("GET /api/circles/{circleId}/members", t => Get($"/api/circles/{t.Circle}/members?limit=50")),
        new("PUT /api/circles/{circleId}/policy", t => Send("PUT", $"/api/circles/{t.Circle}/policy", new { postLimit = 20, postWindowSeconds = 30, holdFirstPosts = 0 })),
        new("POST /api/circles/{circleId}/members/{memberId}/mute", t => Send("POST", $"/api/circles/{t.Circle}/members/{t.Member}/mute", new { minutes = 5, reason = "sweep" })),
        new("DELETE /api/circles/{circleId}/members/{memberId}/mute", t => new HttpRequestMessage(HttpMethod.Delete, $"/api/circles/{t.Circle}/members/{t.Member}/mute")),
        new("DELETE /api/circles/{circleId}/bans/{memberId}", t => new HttpRequestMessage(HttpMethod.Delete, $"/api/circles/{t.Circle}/bans/{t.Outsider}")),
        new("POST /api/threads/{threadId}/comments/{commentId:long}/flags",
            t => Send("POST", $"/api/threads/{t.Thread}/comments/{t.Comment}/flags", new { reason = "Spam" })),
        new("GET /api/circles/{circleId}/flags", t => Get($"/api/circles/{t.Circle}/flags")),
        new("POST /api/circles/{circleId}/flags/{flagId}/resolve",
            t => Send("POST", $"/api/circles/{t.Circle}/flags/{Uri.EscapeDataString($"comment:{t.Thread}:{t.Comment}")}/resolve", new { resolution = "dismissed" })),
        new("GET /api/circles/{circleId}/audit", t => Get($"/api/circles/{t.Circle}/audit")),
        new("GET /api/circles/{circleId}/held", t => Get($"/api/circles/{t.Circle}/held")),
        new("PUT /api/threads/{threadId}/comments/{commentId:long}/hidden", t => Send("PUT", $"/api/threads/{t.Thread}/comments/{t.Comment}/hidden", new { reason = "sweep" })),
        new("DELETE /api/threads/{threadId}/comments/{commentId:long}/hidden",
            t => new HttpRequestMessage(HttpMethod.Delete, $"/api/threads/{t.Thread}/comments/{t.Comment}/hidden")),
        new("POST /api/threads/{threadId}/comments/{commentId:long}/approve",
            t => new HttpRequestMessage(HttpMethod.Post, $"/api/threads/{t.Thread}/comments/{t.Comment}/approve")),
        // Deleting the comment and removing the member take them out of the other calls, so they come last.
        new("DELETE /api/threads/{threadId}/comments/{commentId:long}",
            t => new HttpRequestMessage(HttpMethod.Delete, $"/api/threads/{t.Thread}/comments/{t.Comment}"), Last: true),
        new("DELETE /api/circles/{circleId}/members/{memberId}",
            t => new HttpRequestMessage(HttpMethod.Delete, $"/api/circles/{t.Circle}/members/{t.Member}?reason=sweep"), Last: true),
        new("POST /api/circles/{circleId}/leave", t => Send("POST", $"/api/circles/{t.Circle}/leave", new { }), Last: true),
        new("POST /api/circles/{circleId}/invitations", t => Send("POST", $"/api/circles/{t.Circle}/invitations", new { memberId = t.Outsider })),
        new("PUT /api/circles/{circleId}/members/{memberId}/role",
            t => Send("PUT", $"/api/circles/{t.Circle}/members/{t.Member}/role", new { role = "Moderator" })),
        new("GET /api/circles/{circleId}/threads", t => Get($"/api/circles/{t.Circle}/threads")),
        new("POST /api/circles/{circleId}/threads", t => Send("POST", $"/api/circles/{t.Circle}/threads", new { title = "A new thread" })),
        new("GET /api/circles/{circleId}/projects", t => Get($"/api/circles/{t.Circle}/projects")),
        new("POST /api/circles/{circleId}/projects", t => Send("POST", $"/api/circles/{t.Circle}/projects", new { title = "A new project", sdgs = new[] { 4 } })),
        new("GET /api/projects/{projectId}", t => Get($"/api/projects/{t.Project}")),
        new("PATCH /api/projects/{projectId}", t => Send("PATCH", $"/api/projects/{t.Project}", new { summary = "A better summary" })),
        new("POST /api/projects/{projectId}/contributors", t => Send("POST", $"/api/projects/{t.Project}/contributors", new { memberId = t.Member })),
        new("GET /api/projects/{projectId}/contributors", t => Get($"/api/projects/{t.Project}/contributors?limit=50")),
        new("GET /api/threads/{threadId}", t => Get($"/api/threads/{t.Thread}")),
        new("PATCH /api/threads/{threadId}", t => Send("PATCH", $"/api/threads/{t.Thread}", new { title = "A better title" })),
        new("GET /api/threads/{threadId}/comments", t => Get($"/api/threads/{t.Thread}/comments?after=0&limit=50")),
        new("POST /api/threads/{threadId}/comments",
            t => Send("POST", $"/api/threads/{t.Thread}/comments", new { text = "A valid comment", commandId = NewCommandId() })),
        new("PUT /api/threads/{threadId}/comments/{commentId:long}",
            t => Send("PUT", $"/api/threads/{t.Thread}/comments/{t.Comment}", new { text = "A valid edit" })),
        new("PUT /api/threads/{threadId}/comments/{commentId:long}/reactions/{emoji}",
            t => new HttpRequestMessage(HttpMethod.Put, $"/api/threads/{t.Thread}/comments/{t.Comment}/reactions/{Uri.EscapeDataString(Seedling)}")),
        new("DELETE /api/threads/{threadId}/comments/{commentId:long}/reactions/{emoji}",
            t => new HttpRequestMessage(HttpMethod.Delete, $"/api/threads/{t.Thread}/comments/{t.Comment}/reactions/{Uri.EscapeDataString(Seedling)}")),
        new("PUT /api/threads/{threadId}/lock", t => Send("PUT", $"/api/threads/{t.Thread}/lock", new { locked = true })),
        new("GET /api/threads/{threadId}/read", t => Get($"/api/threads/{t.Thread}/read")),
        new("PUT /api/threads/{threadId}/read", t => Send("PUT", $"/api/threads/{t.Thread}/read", new { upTo = t.Comment })),
        new("GET /api/circles/{circleId}/unread", t => Get($"/api/circles/{t.Circle}/unread")),
        new("GET /api/threads/{threadId}/events", t => Get($"/api/threads/{t.Thread}/events?after=0&limit=50")),
        new("GET /api/documents/{documentId}", t => Get($"/api/documents/{t.Project}")),
        new("GET /api/documents/{documentId}/history", t => Get($"/api/documents/{t.Project}/history?after=0&limit=50")),
        new("GET /api/documents/{documentId}/text", t => Get($"/api/documents/{t.Project}/text?revision=1")),
        // Before the restore, which may empty the text: the passage must still be there to be redacted or flagged.
        new("POST /api/documents/{documentId}/flags",
            t => Send("POST", $"/api/documents/{t.Project}/flags", new { revision = 1, start = 0, end = 2, reason = "spam" })),
        new("POST /api/documents/{documentId}/redactions",
            t => Send("POST", $"/api/documents/{t.Project}/redactions", new { revision = 1, start = 0, end = 1, reason = "Sweep", commandId = NewCommandId() })),
        new("GET /api/documents/{documentId}/redactions", t => Get($"/api/documents/{t.Project}/redactions?limit=50")),
        new("POST /api/documents/{documentId}/restore",
            t => Send("POST", $"/api/documents/{t.Project}/restore", new { revision = 0, clientOpId = NewCommandId() })),
        new("GET /api/documents/{documentId}/attribution", t => Get($"/api/documents/{t.Project}/attribution")),
    ];

    /// <summary>Routes any signed-in member may use on purpose, with the reason; a member with no rights anywhere gets 2xx.</summary>
    public static readonly HttpCall[] OpenToEveryMember =
    [
        new("GET /api/circles/", _ => Get("/api/circles/"), "the circle list shows names of all circles, invite-only ones included"),
        new("POST /api/circles/", _ => Send("POST", "/api/circles/", new { name = "Anyone's circle" }), "anyone may found a circle"),
        new("POST /api/circles/{circleId}/join", t => Send("POST", $"/api/circles/{t.OpenCircle}/join", new { }),
            "anyone may join an open circle (an invite-only one is in the guarded table)"),
        new("GET /api/members/me", _ => Get("/api/members/me"), "one's own profile"),
        new("PATCH /api/members/me", _ => Send("PATCH", "/api/members/me", new { displayName = "Mallory" }), "one's own profile"),
        new("GET /api/members/me/inbox", _ => Get("/api/members/me/inbox"), "one's own inbox"),
        new("GET /api/members/me/invitations", _ => Get("/api/members/me/invitations"), "one's own invitations"),
        new("DELETE /api/circles/{circleId}/invitations/me", t => new HttpRequestMessage(HttpMethod.Delete, $"/api/circles/{t.OpenCircle}/invitations/me"),
            "declines only the caller's own invitation (none: nothing changes)"),
        new("POST /api/members/me/inbox/read", _ => Send("POST", "/api/members/me/inbox/read", new { upTo = "0~none" }), "one's own inbox"),
        new("GET /api/members/{memberId}", t => Get($"/api/members/{t.Member}"), "profiles (handle, name, and only the circles the reader may see)"),
        new("GET /api/members/by-handle/{handle}", t => Get($"/api/members/by-handle/{t.MemberHandle}"), "public profiles (handle, name)"),
    ];

    /// <summary>Routes open without a token on purpose: the workspace's public surface.</summary>
    public static readonly HttpCall[] Anonymous =
    [
        new("GET /health/live", _ => Get("/health/live"), "orchestrators probe it"),
        new("GET /health/ready", _ => Get("/health/ready"), "orchestrators probe it"),
        new("GET /metrics", _ => Get("/metrics"), "Prometheus scrapes it (Collab:Telemetry:Prometheus); keep it off the public ingress"),
        new("GET /openapi/{documentName}.json", _ => Get("/openapi/v1.json"), "the API's description holds no data"),
        new("POST /auth/dev-token", _ => Send("POST", "/auth/dev-token", new { handle = $"v{Guid.NewGuid():N}"[..14] }), "signing in"),
    ];

    /// <summary>
    /// The Orleans dashboard (Collab:Operators:DashboardPath), for operators only: the sweep's members are none, so every
    /// one of these answers them 403 and anonymous callers 401. The dashboard tests show operators get the answers.
    /// </summary>
    public static readonly HttpCall[] OperatorsOnly =
    [
        .. new[]
        {
            "index.html", "favicon.ico", "index.min.js", "index.css", "version", "DashboardCounters", "ClusterStats", "Reminders",
            "TopGrainMethods", "GrainState", "LifecycleStages", "GrainTypes", "Trace",
        }.Select(path => new HttpCall($"GET /dashboard/{path}", _ => Get($"/dashboard/{path}"), "operators watch the cluster")),
        new("GET /dashboard/", _ => Get("/dashboard/"), "operators watch the cluster"),
        new("GET /dashboard/fonts/{**path}", _ => Get("/dashboard/fonts/any.woff2"), "operators watch the cluster"),
        new("GET /dashboard/img/{**path}", _ => Get("/dashboard/img/any.png"), "operators watch the cluster"),
        new("GET /dashboard/Reminders/{page:int}", _ => Get("/dashboard/Reminders/1"), "operators watch the cluster"),
        new("GET /dashboard/HistoricalStats/{*path}", _ => Get("/dashboard/HistoricalStats/any"), "operators watch the cluster"),
        new("GET /dashboard/SiloProperties/{*address}", _ => Get("/dashboard/SiloProperties/any"), "operators watch the cluster"),
        new("GET /dashboard/SiloMetadata/{*address}", _ => Get("/dashboard/SiloMetadata/any"), "operators watch the cluster"),
        new("GET /dashboard/SiloStats/{*address}", _ => Get("/dashboard/SiloStats/any"), "operators watch the cluster"),
        new("GET /dashboard/SiloCounters/{*address}", _ => Get("/dashboard/SiloCounters/any"), "operators watch the cluster"),
        new("GET /dashboard/GrainStats/{*grainName}", _ => Get("/dashboard/GrainStats/any"), "operators watch the cluster"),
    ];

    /// <summary>
    /// Hub methods guarded by the rights of the caller over the targets: a member without them gets the error kind
    /// Forbidden, exactly. In the order one actor can make them all (join before setting an activity, open before
    /// sharing a cursor).
    /// </summary>
    public static readonly HubCall[] GuardedHubMethods =
    [
        new("Join", t => [$"thread:{t.Thread}", 0L]),
        // A circle's dashboard: its owners and moderators only (the dashboard of all circles, for platform moderators, is
        // in BadInputCorpus and the dashboard tests: the sweep's rights holder is no platform moderator).
        new("Join", t => [$"dashboard:{t.Circle}", 0L]),
        new("PostComment", t => [t.Thread, "A valid comment", null, NewCommandId()]),
        new("EditComment", t => [t.Thread, t.Comment, "A valid edit", NewCommandId()]),
        new("React", t => [t.Thread, t.Comment, Seedling, NewCommandId()]),
        new("Unreact", t => [t.Thread, t.Comment, Seedling, NewCommandId()]),
        new("SetActivity", t => [$"thread:{t.Thread}", "Typing"]),
        new("OpenDocument", t => [t.Project, 0L]),
        new("SubmitOperation", t => [t.Project, 0L, JsonSerializer.SerializeToElement(new object[] { "A valid insert" }), NewCommandId()]),
        new("SetCursor", t => [t.Project, 0L, 0, 0]),
    ];

    /// <summary>Hub methods that touch only the caller's own connection, with the reason; they succeed for anyone.</summary>
    public static readonly HubCall[] HubMethodsWithoutResource =
    [
        new("Leave", t => [$"thread:{t.Thread}"], "removes the caller's own connection from a group; nothing to protect"),
    ];

    private const string Seedling = "🌱";

    private static string NewCommandId() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Send(string method, string path, object body) =>
        new(new HttpMethod(method), path) { Content = JsonContent.Create(body) };
}
