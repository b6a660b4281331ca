using System.Text.Json;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Documents;

[Collection(DocumentsHostCollection.Name)]
public sealed class DocumentHubTests(DocumentsHostFixture fixture)
{
    private CollabWebHost Host => fixture.Host;

    private static string Op(JsonElement e) => e.GetProperty("op").GetRawText();

    private static JsonElement Payload(JsonElement liveEvent) => liveEvent.GetProperty("payload");

    [Fact]
    public async Task Opening_an_empty_document_answers_its_empty_text_at_revision_zero()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);

        Assert.Equal(0, ana.Opened.GetProperty("revision").GetInt64());
        Assert.Equal("", ana.Opened.GetProperty("text").GetString());
        Assert.True(ana.Opened.GetProperty("canEdit").GetBoolean());
        Assert.Contains(world.Owner.MemberId, HubClient.PresentMembers(ana.Opened.GetProperty("presence")));
    }

    [Fact]
    public async Task A_concurrent_operation_is_transformed_acknowledged_to_its_sender_and_pushed_to_the_other_editor()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);
        await ana.Submit(0, """["hello world"]""");
        await ana.NextOp();
        await ben.NextOp();

        // Both edit revision 1 at once: Ana deletes "hello ", Ben appends "!" after "world".
        var anaAck = await ana.Submit(1, """[{"d":6}]""", "ana-1");
        var benAck = await ben.Submit(1, """[11,"!"]""", "ben-1");
        var anaOwn = await ana.NextOp();
        var pushedToAna = await ana.NextOp();
        var pushedToBen = await ben.NextOp();

        Assert.Equal((2L, """[{"d":6}]"""), (anaAck.GetProperty("revision").GetInt64(), Op(anaAck)));
        Assert.Equal((3L, """[5,"!"]"""), (benAck.GetProperty("revision").GetInt64(), Op(benAck)));
        Assert.Equal((2L, "ana-1"), (anaOwn.GetProperty("seq").GetInt64(), Payload(anaOwn).GetProperty("clientOpId").GetString()));
        Assert.Equal(3, pushedToAna.GetProperty("seq").GetInt64());
        Assert.Equal("document.op", pushedToAna.GetProperty("kind").GetString());
        Assert.Equal(("""[5,"!"]""", "ben-1", world.Member.MemberId), (Op(Payload(pushedToAna)), Payload(pushedToAna).GetProperty("clientOpId").GetString(), Payload(pushedToAna).GetProperty("authorId").GetString()));
        Assert.Equal((2L, "ana-1"), (pushedToBen.GetProperty("seq").GetInt64(), Payload(pushedToBen).GetProperty("clientOpId").GetString()));
        Assert.Equal((3L, "world!"), await world.ServerDocument());
    }

    [Fact]
    public async Task Reopening_at_a_known_revision_answers_only_the_operations_after_it()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        for (var i = 0; i < 4; i++) await ana.Submit(i, i == 0 ? """["a"]""" : $$"""[{{i}},"{{(char)('a' + i)}}"]""");

        var reopened = await ana.OpenAgain(2);

        Assert.Equal(4, reopened.GetProperty("revision").GetInt64());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("text").ValueKind);
        Assert.Equal([3L, 4], reopened.GetProperty("ops").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("""[2,"c"]""", Op(Payload(reopened.GetProperty("ops")[0])));
    }

    [Fact]
    public async Task The_same_client_operation_id_sent_twice_is_applied_once_and_acknowledged_twice_alike()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);

        var first = await ana.Submit(0, """["once"]""", "retry-me");
        var again = await ana.Submit(0, """["once"]""", "retry-me");
        await ana.Submit(1, """[4,"!"]""");

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal((2L, "once!"), await world.ServerDocument());
        Assert.Equal([1L, 2], new[] { await ben.NextOp(), await ben.NextOp() }.Select(e => e.GetProperty("seq").GetInt64()));
        var someoneElse = await Assert.ThrowsAsync<HubException>(() => ben.Submit(2, """["x"]""", "retry-me"));
        Assert.Contains("\"kind\":\"Conflict\"", someoneElse.Message);
        Assert.Equal((2L, "once!"), await world.ServerDocument());
    }

    public static TheoryData<string, long, string, string, string> BadOperations => new()
    {
        { "retains past the end", 1, """[100,"x"]""", "op", "reaches code point 100" },
        { "deletes past the end", 1, """[3,{"d":10}]""", "op", "reaches code point 13" },
        { "negative retain", 1, """[-1,"x"]""", "op", "positive" },
        { "negative delete", 1, """[{"d":-2}]""", "op", "positive" },
        { "zero retain", 1, """[0,"x"]""", "op", "positive" },
        { "empty insert", 1, """[""]""", "op", "empty" },
        { "not an array", 1, """{"insert":"x"}""", "op", "array" },
        { "a string instead of an array", 1, "\"hello\"", "op", "array" },
        { "an unknown component", 1, """[{"i":"x"}]""", "op", "Component 0" },
        { "a boolean component", 1, """[true]""", "op", "boolean" },
        { "a fractional retain", 1, """[1.5,"x"]""", "op", "whole number" },
        { "a negative base revision", -1, """["x"]""", "baseRevision", "negative" },
        { "a base revision from the future", 7, """["x"]""", "baseRevision", "ahead of the document" },
    };

    [Theory]
    [MemberData(nameof(BadOperations))]
    public async Task A_bad_operation_is_refused_with_a_clear_error_and_the_document_does_not_change(string _, long baseRevision, string op, string field, string says)
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["hello"]""");
        await ana.NextOp();

        var error = await Assert.ThrowsAsync<HubException>(() => ana.Submit(baseRevision, op));

        var json = JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement;
        Assert.Equal(("Invalid", field), (json.GetProperty("kind").GetString(), json.GetProperty("field").GetString()));
        Assert.Contains(says, json.GetProperty("detail").GetString());
        Assert.Equal((1L, "hello"), await world.ServerDocument());
        await ana.Submit(1, """[5,"!"]""");
        Assert.Equal(2, (await ana.NextOp()).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task An_operation_carrying_a_lone_surrogate_is_refused_by_the_document_itself()
    {
        // .NET clients cannot even send a lone surrogate, but a browser's JSON.stringify can: the grain refuses it.
        var world = await DocumentWorkspace.CreateAsync(Host);
        var document = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDocumentGrain>(world.DocumentId);
        await document.Submit(world.Owner.MemberId, new SubmitOperation(0, """["hello"]""", "ok"));

        var error = await Assert.ThrowsAsync<CollabException>(() => document.Submit(world.Owner.MemberId, new SubmitOperation(1, """[5,"\ud83d"]""", "lone")));

        Assert.Equal((CollabErrorKind.Invalid, "op"), (error.Kind, error.Field));
        Assert.Contains("UTF-16", error.Message);
        Assert.Equal((1L, "hello"), await world.ServerDocument());
    }

    [Fact]
    public async Task An_insert_of_more_than_100000_code_points_is_refused_and_one_of_exactly_100000_is_taken()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        // Astral characters: 100,001 code points are 200,002 UTF-16 units, and the limit counts code points.
        var tooMany = string.Concat(Enumerable.Repeat("😀", 100_001));

        var raw = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var error = await Assert.ThrowsAsync<HubException>(() => ana.Submit(0, JsonSerializer.Serialize(new[] { tooMany }, raw)));
        var fits = await ana.Submit(0, JsonSerializer.Serialize(new[] { new string('x', 100_000) }));

        Assert.Contains("\"field\":\"op\"", error.Message);
        Assert.Contains("at most 100000", error.Message);
        Assert.Equal(1, fits.GetProperty("revision").GetInt64());
        Assert.Equal(100_000, (await world.ServerDocument()).Text.Length);
    }

    [Fact]
    public async Task An_operation_based_on_a_revision_older_than_the_transform_window_is_refused()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        const int revisions = DocumentsHostFixture.MaxTransformWindow + 5;
        for (var i = 0; i < revisions; i++) await ana.Submit(i, """["x"]""");

        var stale = await Assert.ThrowsAsync<HubException>(() => ana.Submit(4, """["late"]"""));
        var oldestAccepted = await ana.Submit(revisions - DocumentsHostFixture.MaxTransformWindow, """["y"]""");

        Assert.Contains("\"field\":\"baseRevision\"", stale.Message);
        Assert.Contains("too old", stale.Message);
        Assert.Equal(revisions + 1, oldestAccepted.GetProperty("revision").GetInt64());
        Assert.Equal((revisions + 1L, "y" + new string('x', revisions)), await world.ServerDocument());
    }

    [Fact]
    public async Task A_request_without_a_client_operation_id_or_an_operation_is_refused()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);

        var noId = await Assert.ThrowsAsync<HubException>(() => ana.Submit(0, """["x"]""", ""));
        var noOp = await Assert.ThrowsAsync<HubException>(() => ana.Submit(0, "null"));

        Assert.Contains("\"field\":\"clientOpId\"", noId.Message);
        Assert.Contains("\"field\":\"op\"", noOp.Message);
        Assert.Equal((0L, ""), await world.ServerDocument());
    }

    [Fact]
    public async Task A_reader_outside_the_circle_may_open_but_not_edit_and_a_stranger_to_an_invite_only_circle_may_not_open()
    {
        var open = await DocumentWorkspace.CreateAsync(Host);
        var secret = await DocumentWorkspace.CreateAsync(Host, "InviteOnly");
        var visitor = await Host.SignInAsync();
        await using var reader = await open.Open(visitor);
        await using var stranger = await HubClient.ConnectAsync(Host.Address, visitor.Token);

        var edit = await Assert.ThrowsAsync<HubException>(() => reader.Submit(0, """["graffiti"]"""));
        var peek = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<JsonElement>("OpenDocument", secret.DocumentId, 0L));
        var missing = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<JsonElement>("OpenDocument", "no-such-project", 0L));

        Assert.False(reader.Opened.GetProperty("canEdit").GetBoolean());
        Assert.Contains("\"kind\":\"Forbidden\"", edit.Message);
        Assert.Contains("\"kind\":\"Forbidden\"", peek.Message);
        Assert.Contains("\"kind\":\"NotFound\"", missing.Message);
        Assert.Equal((0L, ""), await open.ServerDocument());
    }

    [Fact]
    public async Task A_cursor_reaches_the_other_viewers_and_a_stale_one_is_moved_over_the_operations_since()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);
        await ana.Submit(0, """["hello world"]""");

        await ana.SetCursor(1, 6, 11);
        var selection = await ben.NextCursor();
        await ben.Submit(1, """["Oh, "]""");
        var moved = await ana.SetCursor(1, 6, 6);
        var pushed = await ben.NextCursor();

        Assert.Equal((world.Owner.MemberId, "Ana", 1L, 6, 11), (selection.GetProperty("memberId").GetString(), selection.GetProperty("displayName").GetString(),
            selection.GetProperty("revision").GetInt64(), selection.GetProperty("anchor").GetInt32(), selection.GetProperty("focus").GetInt32()));
        Assert.Equal((2L, 10, 10), (pushed.GetProperty("revision").GetInt64(), pushed.GetProperty("anchor").GetInt32(), pushed.GetProperty("focus").GetInt32()));
        Assert.Equal(pushed.GetRawText(), moved.GetRawText());
        Assert.False(ana.Cursors.Reader.TryRead(out _), "a connection does not get its own cursor back");
    }

    [Fact]
    public async Task A_stale_cursor_moves_past_what_its_own_member_typed_at_it_but_not_past_what_others_typed_there()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await world.Open(world.Member);
        await ana.Submit(0, """["hello world"]""");
        await ana.Submit(1, """[11, " again"]""");

        // Both cursors were at the end of revision 1, where Ana then typed: hers is after her words, Ben's before.
        var anas = await ana.SetCursor(1, 11, 11);
        var bens = await ben.SetCursor(1, 11, 11);

        Assert.Equal((2L, 17, 17), (anas.GetProperty("revision").GetInt64(), anas.GetProperty("anchor").GetInt32(), anas.GetProperty("focus").GetInt32()));
        Assert.Equal((2L, 11, 11), (bens.GetProperty("revision").GetInt64(), bens.GetProperty("anchor").GetInt32(), bens.GetProperty("focus").GetInt32()));
    }

    [Fact]
    public async Task A_cursor_outside_the_text_or_in_a_document_not_opened_is_refused()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["abc"]""");
        await using var notOpen = await HubClient.ConnectAsync(Host.Address, world.Member.Token);

        var past = await Assert.ThrowsAsync<HubException>(() => ana.SetCursor(1, 0, 4));
        var future = await Assert.ThrowsAsync<HubException>(() => ana.SetCursor(2, 0, 0));
        var closed = await Assert.ThrowsAsync<HubException>(() => notOpen.Connection.InvokeAsync<JsonElement>("SetCursor", world.DocumentId, 1L, 0, 0));

        Assert.Contains("\"field\":\"focus\"", past.Message);
        Assert.Contains("\"field\":\"revision\"", future.Message);
        Assert.Contains("\"kind\":\"Forbidden\"", closed.Message);
    }

    [Fact]
    public async Task Joining_the_document_scope_answers_its_text_exactly_at_the_seq_it_names()
    {
        var world = await DocumentWorkspace.CreateAsync(Host);
        await using var ana = await world.Open(world.Owner);
        await ana.Submit(0, """["abc"]""");
        await ana.Submit(1, """[3,"d"]""");
        await using var ben = await HubClient.ConnectAsync(Host.Address, world.Member.Token);

        var joined = await ben.Join($"document:{world.DocumentId}", 0);
        var rejoined = await ben.Join($"document:{world.DocumentId}", 1);

        Assert.Equal(2, joined.GetProperty("seq").GetInt64());
        Assert.Equal("abcd", joined.GetProperty("snapshot").GetProperty("document").GetProperty("text").GetString());
        Assert.Equal(2, joined.GetProperty("snapshot").GetProperty("document").GetProperty("revision").GetInt64());
        Assert.Equal("""[3,"d"]""", Op(Payload(Assert.Single(rejoined.GetProperty("events").EnumerateArray()))));
    }
}
