using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Documents;

[Collection(DocumentsHostCollection.Name)]
public sealed class DocumentHistoryTests(DocumentsHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static long[] Longs(JsonArray items, string property) => items.Select(i => i![property]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task History_lists_every_revision_with_its_author_time_and_size_in_pages()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);
        await ana.Submit(0, """["one\n"]""");
        await ben.Submit(1, """[4,"two\n"]""");
        await ana.Submit(2, """[{"d":4}]""");

        var history = await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history");
        var page = await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/history?after=1&limit=1");

        var items = history["items"]!.AsArray();
        Assert.Equal([1L, 2, 3], Longs(items, "revision"));
        Assert.Equal([world.Owner.MemberId, world.Member.MemberId, world.Owner.MemberId], items.Select(i => i!["authorId"]!.GetValue<string>()));
        Assert.Equal([4L, 4, 0], Longs(items, "inserted"));
        Assert.Equal([0L, 0, 4], Longs(items, "deleted"));
        var times = items.Select(i => i!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Null(history["nextAfter"]);
        Assert.Equal([2L], Longs(page["items"]!.AsArray(), "revision"));
        Assert.Equal(2, page["nextAfter"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_text_at_every_revision_reads_back_exactly_across_snapshots()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        // Twelve revisions, so snapshots at 5 and 10; positions count code points (astral characters, a ZWJ sequence).
        string[] inserts = ["a", "😀", "é", "𝄞", "\n", "ß", "👩🏽‍🌾", "z", "ü", "🌱", "x", "y"];
        var texts = new List<string> { "" };
        for (var i = 0; i < inserts.Length; i++)
        {
            await ana.Submit(i, OpJson(i == 0 ? [inserts[0]] : [1 + i / 2, inserts[i]]));
            texts.Add(i == 0 ? inserts[0] : Insert(texts[^1], 1 + i / 2, inserts[i]));
        }

        for (var revision = 0; revision < texts.Count; revision++)
        {
            var at = await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision={revision}");
            Assert.Equal((revision, texts[revision]), (at["revision"]!.GetValue<long>(), at["text"]!.GetValue<string>()));
        }
        Assert.Equal(texts[^1], (await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/text"))["text"]!.GetValue<string>());
        var beyond = await world.Member.Http.GetAsync($"/api/documents/{world.DocumentId}/text?revision={texts.Count}");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("revision", (await beyond.Body())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Restoring_an_old_revision_is_a_new_revision_that_brings_its_text_back_and_loses_no_history()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["one\ntwo\nthree\n"]""");
        await ana.Submit(1, """[4,{"d":4}]""");
        await ana.Submit(2, """[10,"four\n"]""");
        for (var i = 0; i < 3; i++) await ana.NextOp();

        var future = await world.Member.Http.PostAsJsonAsync($"/api/documents/{world.DocumentId}/restore", new { revision = 9, clientOpId = "restore-0" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("revision", (await future.Body())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal((3L, "one\nthree\nfour\n"), await world.ServerDocument());

        var restored = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 1, clientOpId = "restore-1" });
        var pushed = await ana.NextOp();
        var again = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 1, clientOpId = "restore-1" });

        Assert.Equal(4, restored["revision"]!.GetValue<long>());
        Assert.Equal(restored.ToJsonString(), again.ToJsonString());
        Assert.Equal((4L, "one\ntwo\nthree\n"), await world.ServerDocument());
        // A line diff: "one" and "three" stay in place, "two" comes back, "four" goes.
        Assert.Equal("""[4,"two\n",6,{"d":5}]""", pushed.GetProperty("payload").GetProperty("op").GetRawText());
        Assert.Equal(world.Member.MemberId, pushed.GetProperty("actorId").GetString());
        var history = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history"))["items"]!.AsArray();
        Assert.Equal([1L, 2, 3, 4], Longs(history, "revision"));
        Assert.Equal("one\nthree\nfour\n", (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision=3"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restoring_a_revision_whose_text_the_document_already_has_adds_no_revision_and_answers_with_the_current_one()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["one\n"]""");
        await ana.Submit(1, """[4,"two\n"]""");
        await ana.Submit(2, """[4,{"d":4}]""");
        for (var i = 0; i < 3; i++) await ana.NextOp();

        // Revision 1 reads "one\n" again, and so does revision 3, the current one.
        var same = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 1, clientOpId = "same-1" });
        var current = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 3, clientOpId = "same-3" });
        await ana.Submit(3, """[4,"next\n"]""");
        var pushed = await ana.NextOp();

        Assert.Equal((3L, "[]", "same-1"), (same["revision"]!.GetValue<long>(), same["op"]!.GetValue<string>(), same["clientOpId"]!.GetValue<string>()));
        Assert.Equal((3L, "[]"), (current["revision"]!.GetValue<long>(), current["op"]!.GetValue<string>()));
        // Events come in revision order, so an empty operation pushed by either restore would have come first.
        Assert.Equal(4, pushed.GetProperty("seq").GetInt64());
        Assert.Equal(world.Owner.MemberId, pushed.GetProperty("actorId").GetString());
        var history = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history"))["items"]!.AsArray();
        Assert.Equal([1L, 2, 3, 4], Longs(history, "revision"));
        Assert.Equal((4L, "one\nnext\n"), await world.ServerDocument());
    }

    [Fact]
    public async Task A_restore_after_one_that_changed_nothing_still_brings_the_old_text_back_as_one_new_revision()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["one\n"]""");
        await ana.Submit(1, """[4,"two\n"]""");
        for (var i = 0; i < 2; i++) await ana.NextOp();
        await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 2, clientOpId = "noop" });

        var restored = await world.Member.Http.PostJson($"/api/documents/{world.DocumentId}/restore", new { revision = 1, clientOpId = "real" });
        var pushed = await ana.NextOp();

        Assert.Equal((3L, """[4,{"d":4}]"""), (restored["revision"]!.GetValue<long>(), restored["op"]!.GetValue<string>()));
        Assert.Equal(3, pushed.GetProperty("seq").GetInt64());
        Assert.Equal((3L, "one\n"), await world.ServerDocument());
        var history = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history"))["items"]!.AsArray();
        Assert.Equal([1L, 2, 3], Longs(history, "revision"));
    }

    [Fact]
    public async Task Attribution_counts_the_code_points_of_the_current_text_each_member_wrote()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);
        await ana.Submit(0, """["Hello 😀 "]""");
        await ben.Submit(1, """[8,"wörld"]""");
        await ana.Submit(2, """[{"d":6}]""");

        var attribution = await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/attribution");

        Assert.Equal((world.DocumentId, 3L, 7L), (attribution["documentId"]!.GetValue<string>(), attribution["revision"]!.GetValue<long>(), attribution["length"]!.GetValue<long>()));
        var authors = attribution["authors"]!.AsArray();
        Assert.Equal([(world.Member.MemberId, "Ben", 5L), (world.Owner.MemberId, "Ana", 2L)],
            authors.Select(a => (a!["memberId"]!.GetValue<string>(), a["displayName"]!.GetValue<string>(), a["characters"]!.GetValue<long>())));
        Assert.Equal(5.0 / 7, authors[0]!["share"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task Readers_outside_the_circle_may_read_the_history_but_not_restore_and_strangers_to_a_private_circle_see_nothing()
    {
        var open = await DocumentWorkspace.CreateAsync(Host);
        var secret = await DocumentWorkspace.CreateAsync(Host, "InviteOnly");
        var visitor = await Host.SignInAsync();

        var history = await visitor.Http.GetAsync($"/api/documents/{open.DocumentId}/history");
        var restore = await visitor.Http.PostAsJsonAsync($"/api/documents/{open.DocumentId}/restore", new { revision = 0 });
        var hidden = await Task.WhenAll(new[] { "", "/history", "/text?revision=0", "/attribution" }
            .Select(path => visitor.Http.GetAsync($"/api/documents/{secret.DocumentId}{path}")));

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restore.StatusCode);
        Assert.All(hidden, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/api/documents/no-such-project")).StatusCode);
        Assert.Equal((0L, ""), await open.ServerDocument());
    }

    private static string OpJson(object[] op) => System.Text.Json.JsonSerializer.Serialize(op);

    private static string Insert(string text, int codePoint, string insert)
    {
        var at = Collab.Grains.Documents.Ot.CodePointText.ToUtf16Index(text, codePoint);
        return text[..at] + insert + text[at..];
    }
}
