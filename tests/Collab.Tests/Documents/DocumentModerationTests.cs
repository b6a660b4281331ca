using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Collab.Grains.Storage;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Documents;

/// <summary>Who may redact a document and flag its passages, and what a flag leaves in the circle's review queue.</summary>
[Collection(DocumentsHostCollection.Name)]
public sealed class DocumentModerationTests(DocumentsHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static object Redaction(long revision = 1) => new { revision, start = 6, end = 13, reason = "Personal data" };

    private static async Task Write(DocumentWorkspace world, string text)
    {
        await using var editor = await world.Open(world.Owner);
        await editor.Submit(0, $$"""["{{text}}"]""");
    }

    [Fact]
    public async Task A_member_cannot_redact_and_a_moderator_of_one_circle_cannot_redact_in_another_circles_project()
    {
        var circleA = await DocumentWorkspace.CreateAsync(Host);
        var circleB = await DocumentWorkspace.CreateAsync(Host);
        await Write(circleA, "Hello secret world");
        await Write(circleB, "Hello secret world");
        var ben = circleA.Member;

        var asMember = await ben.Http.PostAsJsonAsync($"/api/documents/{circleA.DocumentId}/redactions", Redaction());
        await circleA.Owner.Http.Send(HttpMethod.Put, $"/api/circles/{circleA.CircleId}/members/{ben.MemberId}/role", new { role = "Moderator" });
        await ben.Http.PostJson($"/api/circles/{circleB.CircleId}/join", new { });
        var inOtherCircle = await ben.Http.PostAsJsonAsync($"/api/documents/{circleB.DocumentId}/redactions", Redaction());
        var inOwnCircle = await ben.Http.PostAsJsonAsync($"/api/documents/{circleA.DocumentId}/redactions", Redaction());

        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inOtherCircle.StatusCode);
        Assert.Equal((1L, "Hello secret world"), await circleB.ServerDocument());
        Assert.Equal(HttpStatusCode.OK, inOwnCircle.StatusCode);
        Assert.Equal((2L, "Hello world"), await circleA.ServerDocument());
    }

    [Fact]
    public async Task A_passage_deleted_since_the_moderator_saw_it_is_a_conflict_and_nothing_is_rewritten()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var editor = await world.Open(world.Owner);
        await editor.Submit(0, """["Hello secret world"]""");
        await editor.Submit(1, """[6,{"d":7}]""");

        var response = await world.Owner.Http.PostAsJsonAsync($"/api/documents/{world.DocumentId}/redactions", Redaction());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Hello secret world", (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision=1"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flags_of_the_same_passage_merge_into_one_open_row_of_the_circles_flags_even_after_the_text_moved()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var editor = await world.Open(world.Owner);
        await editor.Submit(0, """["Hello secret world"]""");

        var first = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/flags",
            new { revision = 1, start = 6, end = 12, reason = "harassment", note = "Names a pupil" });
        await editor.Submit(1, """["Hi! "]""");
        var second = await world.Owner.Http.PostJson($"/api/documents/{world.DocumentId}/flags",
            new { revision = 2, start = 10, end = 16, reason = "safeguarding" });
        var other = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/flags",
            new { revision = 2, start = 0, end = 3, reason = "other", note = "Too loud" });

        Assert.Equal(first["flagId"]!.GetValue<string>(), second["flagId"]!.GetValue<string>());
        Assert.Equal((2, "open"), (second["reasons"]!.GetValue<int>(), second["state"]!.GetValue<string>()));
        Assert.NotEqual(first["flagId"]!.GetValue<string>(), other["flagId"]!.GetValue<string>());
        var rows = await Host.Services.GetRequiredService<IEventStore>().ReadRowsAsync($"circle:{world.CircleId}", "flags", null, 10);
        Assert.Equal(2, rows.Count);
        var merged = JsonNode.Parse(rows.Single(r => r.Key == first["flagId"]!.GetValue<string>()).Payload)!;
        Assert.Equal(("document", world.DocumentId, "open"),
            (merged["target"]!.GetValue<string>(), merged["documentId"]!.GetValue<string>(), merged["state"]!.GetValue<string>()));
        Assert.Equal([world.Member.MemberId, world.Owner.MemberId], merged["reasons"]!.AsArray().Select(r => r!["memberId"]!.GetValue<string>()));
        Assert.Equal(["Harassment", "Safeguarding"], merged["reasons"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>()));
        Assert.Equal((1L, 6, 12), (merged["revision"]!.GetValue<long>(), merged["start"]!.GetValue<int>(), merged["end"]!.GetValue<int>()));
        // The circle's review queue lists passages beside comments, oldest first.
        var queue = await world.Owner.Http.GetJson($"/api/circles/{world.CircleId}/flags");
        Assert.Equal([first["flagId"]!.GetValue<string>(), other["flagId"]!.GetValue<string>()], queue["items"]!.AsArray().Select(f => f!["flagId"]!.GetValue<string>()));
        Assert.StartsWith($"document:{world.DocumentId}:", first["flagId"]!.GetValue<string>());
    }
}
