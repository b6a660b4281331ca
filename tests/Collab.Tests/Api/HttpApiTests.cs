using System.Net;
using System.Net.Http.Json;
using System.Text;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Api;

[Collection(SqliteWebHostCollection.Name)]
public sealed class HttpApiTests(SqliteWebHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static async Task<string> NewCircle(HttpClient http, string visibility = "Open") =>
        (await http.PostJson("/api/circles", new { name = "Youth Empowerment", description = "Young people leading", visibility }))["id"]!.GetValue<string>();

    [Fact]
    public async Task A_member_creates_a_circle_a_thread_and_pages_through_comments()
    {
        var ana = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http);
        var thread = await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Ideas" });
        var threadId = thread["id"]!.GetValue<string>();

        for (var i = 1; i <= 5; i++) await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"idea {i}" });
        var page1 = await ana.Http.GetJson($"/api/threads/{threadId}/comments?after=0&limit=3");
        var after = page1["nextAfter"]!.GetValue<long>();
        var page2 = await ana.Http.GetJson($"/api/threads/{threadId}/comments?after={after}&limit=3");

        Assert.Equal(["idea 1", "idea 2", "idea 3"], page1["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Equal(["idea 4", "idea 5"], page2["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Null(page2["nextAfter"]);
        var threads = await ana.Http.GetJson($"/api/circles/{circleId}/threads");
        Assert.Equal(threadId, threads["items"]!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal(5, (await ana.Http.GetJson($"/api/threads/{threadId}"))["commentCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_profile_shows_others_only_the_circles_they_may_see()
    {
        var ana = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var open = await NewCircle(ana.Http);
        var hidden = await NewCircle(ana.Http, "InviteOnly");

        var asBen = await ben.Http.GetJson($"/api/members/{ana.MemberId}");
        var asAna = await ana.Http.GetJson($"/api/members/{ana.MemberId}");

        Assert.Equal([open], asBen["circles"]!.AsObject().Select(c => c.Key));
        Assert.Equal(new[] { hidden, open }.Order(), asAna["circles"]!.AsObject().Select(c => c.Key).Order());
        await ana.Http.Send(HttpMethod.Post, $"/api/circles/{hidden}/invitations", new { memberId = ben.MemberId });
        await ben.Http.PostJson($"/api/circles/{hidden}/join", new { });
        Assert.Equal(new[] { hidden, open }.Order(), (await ben.Http.GetJson($"/api/members/{ana.MemberId}"))["circles"]!.AsObject().Select(c => c.Key).Order());
    }

    [Fact]
    public async Task A_thread_opens_at_its_newest_comments_and_pages_backwards()
    {
        var ana = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http);
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Long" }))["id"]!.GetValue<string>();
        for (var i = 1; i <= 7; i++) await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"c{i}" });

        var newest = await ana.Http.GetJson($"/api/threads/{threadId}/comments?limit=3");
        var before = newest["nextBefore"]!.GetValue<long>();
        var older = await ana.Http.GetJson($"/api/threads/{threadId}/comments?before={before}&limit=3");
        var oldest = await ana.Http.GetJson($"/api/threads/{threadId}/comments?before={older["nextBefore"]!.GetValue<long>()}&limit=3");

        Assert.Equal(["c5", "c6", "c7"], Texts(newest));
        Assert.Equal(["c2", "c3", "c4"], Texts(older));
        Assert.Equal(["c1"], Texts(oldest));
        Assert.Null(oldest["nextBefore"]);
    }

    [Fact]
    public async Task Reactions_and_edits_go_through_the_api()
    {
        var ana = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http);
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        var commentId = (await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = "hi" }))["id"]!.GetValue<long>();

        var reacted = await ana.Http.PutAsync($"/api/threads/{threadId}/comments/{commentId}/reactions/{Uri.EscapeDataString("🎉")}", null);
        var edited = await ana.Http.PutAsJsonAsync($"/api/threads/{threadId}/comments/{commentId}", new { text = "hello" });

        Assert.Equal(HttpStatusCode.OK, reacted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var comment = (await ana.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]![0]!;
        Assert.Equal("hello", comment["text"]!.GetValue<string>());
        Assert.Equal(ana.MemberId, comment["reactions"]!["🎉"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Projects_are_created_in_a_circle_and_updated_by_contributors()
    {
        var ana = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http);

        var project = await ana.Http.PostJson($"/api/circles/{circleId}/projects", new { title = "Garden lab", tags = new[] { "garden" }, sdgs = new[] { 13, 15 } });
        var id = project["id"]!.GetValue<string>();
        var patched = await ana.Http.PatchAsJsonAsync($"/api/projects/{id}", new { status = "Completed" });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Completed", (await ana.Http.GetJson($"/api/projects/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(id, (await ana.Http.GetJson($"/api/circles/{circleId}/projects"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused()
    {
        using var anonymous = Host.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/circles")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/circles", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var ana = await Host.SignInAsync();
        var parts = ana.Token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        using var http = Host.Anonymous();
        http.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_creates_nothing()
    {
        var ana = await Host.SignInAsync();
        var before = (await ana.Http.GetJson("/api/circles?limit=200"))["items"]!.AsArray().Count;

        var response = await ana.Http.PostAsync("/api/circles", new StringContent("{\"name\": \"x\",", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Body())["detail"]!.GetValue<string>()));
        Assert.Equal(before, (await ana.Http.GetJson("/api/circles?limit=200"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        var ana = await Host.SignInAsync();

        var response = await ana.Http.PostAsync("/api/circles", new StringContent("{\"name\": 5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]!["name"]);
    }

    [Fact]
    public async Task An_over_long_name_is_a_400_naming_the_field()
    {
        var ana = await Host.SignInAsync();

        var response = await ana.Http.PostAsJsonAsync("/api/circles", new { name = new string('n', 121) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Body())["errors"]!["name"]);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var ana = await Host.SignInAsync();

        var circle = await ana.Http.GetAsync("/api/circles/c-does-not-exist");
        var thread = await ana.Http.GetAsync("/api/threads/t-does-not-exist/comments");
        var traversal = await ana.Http.GetAsync("/api/circles/..%2F..%2Fetc%2Fpasswd");

        Assert.Equal(HttpStatusCode.NotFound, circle.StatusCode);
        Assert.Equal("application/problem+json", circle.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, thread.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Posting_as_a_non_member_of_an_invite_only_circle_is_403_and_changes_nothing()
    {
        var ana = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http, "InviteOnly");
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Private" }))["id"]!.GetValue<string>();

        var response = await ben.Http.PostAsJsonAsync($"/api/threads/{threadId}/comments", new { text = "let me in" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await ana.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Posting_to_a_locked_thread_is_403_and_changes_nothing()
    {
        var ana = await Host.SignInAsync();
        var circleId = await NewCircle(ana.Http);
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Closing" }))["id"]!.GetValue<string>();
        var ben = await Host.SignInAsync();
        await ben.Http.PostJson($"/api/circles/{circleId}/join", new { });

        Assert.Equal(HttpStatusCode.OK, (await ana.Http.PutAsJsonAsync($"/api/threads/{threadId}/lock", new { locked = true })).StatusCode);
        var response = await ben.Http.PostAsJsonAsync($"/api/threads/{threadId}/comments", new { text = "too late" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await ana.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_taken_handle_is_a_409()
    {
        var ana = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var anaHandle = (await ana.Http.GetJson("/api/members/me"))["handle"]!.GetValue<string>();

        var response = await ben.Http.PatchAsJsonAsync("/api/members/me", new { handle = anaHandle });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEqual(anaHandle, (await ben.Http.GetJson("/api/members/me"))["handle"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mentions_show_up_in_the_inbox()
    {
        var ana = await Host.SignInAsync();
        var ben = await Host.SignInAsync();
        var benHandle = (await ben.Http.GetJson("/api/members/me"))["handle"]!.GetValue<string>();
        var circleId = await NewCircle(ana.Http);
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();

        await ana.Http.PostJson($"/api/threads/{threadId}/comments", new { text = $"What do you think, @{benHandle}?" });

        var inbox = await ben.Http.GetJson("/api/members/me/inbox");
        var notice = inbox["items"]!.AsArray().Single()!;
        Assert.Equal((threadId, false, 1), (notice["threadId"]!.GetValue<string>(), notice["read"]!.GetValue<bool>(), inbox["unread"]!.GetValue<int>()));

        var unread = await ben.Http.PostJson("/api/members/me/inbox/read", new { upTo = notice["cursor"]!.GetValue<string>() });
        Assert.Equal(0, unread.GetValue<int>());
        Assert.True((await ben.Http.GetJson("/api/members/me/inbox"))["items"]![0]!["read"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_token()
    {
        using var anonymous = Host.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_route_and_the_ui_is_served()
    {
        using var anonymous = Host.Anonymous();

        var document = await anonymous.GetJson("/openapi/v1.json");
        var ui = await anonymous.GetAsync("/scalar/v1");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/circles", paths);
        Assert.Contains("/api/threads/{threadId}/comments", paths);
        Assert.Contains("/api/projects/{projectId}", paths);
        Assert.Contains("/auth/dev-token", paths);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    private static List<string> Texts(System.Text.Json.Nodes.JsonNode page) =>
        page["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToList();
}
