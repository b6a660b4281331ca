using Collab.Grains.Storage;

namespace Collab.Tests.Storage;

/// <summary>
/// What every event store must do, run against each implementation (SQLite and PostgreSQL), so single-node
/// and cluster mode keep the same promises.
/// </summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 30, 15, TimeSpan.Zero);

    protected IEventStore Store { get; private set; } = null!;

    protected abstract Task<IEventStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static string NewScope() => $"thread:{Guid.NewGuid():N}";

    private static StoredEvent Event(string scope, long seq, string? commandId = null) =>
        new(scope, seq, "comment.posted", $"{{\"n\":{seq}}}", "m-ana", commandId, T0.AddSeconds(seq));

    private static StoredComment Comment(string scope, long id, string text, long lastSeq) =>
        new(scope, id, null, "m-ana", text, T0, null, "{}", "[]", lastSeq);

    [Fact]
    public async Task Events_read_back_in_seq_order_after_a_given_seq()
    {
        var scope = NewScope();
        for (var seq = 1; seq <= 10; seq++) await Store.AppendAsync(Event(scope, seq), null);

        var page = await Store.ReadEventsAsync(scope, 4, 3);

        Assert.Equal([5L, 6, 7], page.Select(e => e.Seq));
        Assert.Equal(Event(scope, 5), page[0]);
        Assert.Empty(await Store.ReadEventsAsync(scope, 10, 3));
    }

    [Fact]
    public async Task Last_seq_is_zero_for_an_empty_scope_and_the_highest_seq_after_appends()
    {
        var scope = NewScope();
        Assert.Equal(0, await Store.GetLastSeqAsync(scope));

        for (var seq = 1; seq <= 3; seq++) await Store.AppendAsync(Event(scope, seq), null);

        Assert.Equal(3, await Store.GetLastSeqAsync(scope));
        Assert.Equal(0, await Store.GetLastSeqAsync(NewScope()));
    }

    [Fact]
    public async Task Appending_a_taken_seq_is_a_conflict_that_writes_neither_event_nor_comment()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1), Comment(scope, 1, "first", 1));

        var conflict = await Assert.ThrowsAsync<EventSeqConflictException>(() =>
            Store.AppendAsync(Event(scope, 1) with { Kind = "comment.edited" }, Comment(scope, 1, "overwritten", 1)));

        Assert.Equal((scope, 1L), (conflict.Scope, conflict.Seq));
        Assert.Equal("comment.posted", Assert.Single(await Store.ReadEventsAsync(scope, 0, 10)).Kind);
        Assert.Equal("first", (await Store.GetCommentAsync(scope, 1))!.Text);
    }

    [Fact]
    public async Task A_batch_is_stored_in_seq_order_and_read_back_by_seq_and_by_command_id()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1, "cmd-1"), null);

        await Store.AppendBatchAsync([Event(scope, 2, "cmd-2"), Event(scope, 3, "cmd-3"), Event(scope, 4, "cmd-4")]);

        Assert.Equal([Event(scope, 2, "cmd-2"), Event(scope, 3, "cmd-3"), Event(scope, 4, "cmd-4")], await Store.ReadEventsAsync(scope, 1, 10));
        Assert.Equal(4, await Store.GetLastSeqAsync(scope));
        Assert.Equal(3, (await Store.FindByCommandIdAsync(scope, "cmd-3"))!.Seq);
    }

    [Fact]
    public async Task A_batch_with_a_taken_seq_in_the_middle_writes_none_of_its_events()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1), null);
        await Store.AppendAsync(Event(scope, 3), null);

        var conflict = await Assert.ThrowsAsync<EventSeqConflictException>(() =>
            Store.AppendBatchAsync([Event(scope, 2, "cmd-2"), Event(scope, 3, "cmd-3"), Event(scope, 4, "cmd-4")]));

        Assert.Equal(scope, conflict.Scope);
        Assert.Equal([1L, 3], (await Store.ReadEventsAsync(scope, 0, 10)).Select(e => e.Seq));
        Assert.Null(await Store.FindByCommandIdAsync(scope, "cmd-2"));
        Assert.Null(await Store.FindByCommandIdAsync(scope, "cmd-4"));
    }

    [Fact]
    public async Task A_batch_with_a_taken_command_id_in_the_middle_writes_none_of_its_events()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1, "cmd-taken"), null);

        await Assert.ThrowsAsync<EventSeqConflictException>(() =>
            Store.AppendBatchAsync([Event(scope, 2, "cmd-2"), Event(scope, 3, "cmd-taken"), Event(scope, 4, "cmd-4")]));

        Assert.Equal([1L], (await Store.ReadEventsAsync(scope, 0, 10)).Select(e => e.Seq));
        Assert.Null(await Store.FindByCommandIdAsync(scope, "cmd-2"));
        await Store.AppendBatchAsync([Event(scope, 2, "cmd-2"), Event(scope, 3, "cmd-3")]);
        Assert.Equal([1L, 2, 3], (await Store.ReadEventsAsync(scope, 0, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_command_id_finds_the_event_it_produced_in_its_own_scope_only()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1, "cmd-a"), null);
        await Store.AppendAsync(Event(scope, 2, "cmd-b"), null);

        Assert.Equal(2, (await Store.FindByCommandIdAsync(scope, "cmd-b"))!.Seq);
        Assert.Null(await Store.FindByCommandIdAsync(scope, "cmd-c"));
        Assert.Null(await Store.FindByCommandIdAsync(NewScope(), "cmd-a"));
    }

    [Fact]
    public async Task A_command_id_is_used_at_most_once_per_scope()
    {
        var scope = NewScope();
        await Store.AppendAsync(Event(scope, 1, "cmd-a"), null);

        await Assert.ThrowsAsync<EventSeqConflictException>(() => Store.AppendAsync(Event(scope, 2, "cmd-a"), null));

        Assert.Equal(1, await Store.GetLastSeqAsync(scope));
    }

    [Fact]
    public async Task Comment_rows_are_replaced_by_later_events_and_paged_by_id()
    {
        var scope = NewScope();
        for (var id = 1; id <= 5; id++) await Store.AppendAsync(Event(scope, id), Comment(scope, id, $"c{id}", id));
        var edited = Comment(scope, 2, "c2 edited", 6) with { EditedAt = T0.AddMinutes(1), ReactionsJson = "{\"🌱\":[\"m-ben\"]}" };
        await Store.AppendAsync(Event(scope, 6) with { Kind = "comment.edited" }, edited);

        var page = await Store.ReadCommentsAsync(scope, 1, 2);

        Assert.Equal([2L, 3], page.Select(c => c.CommentId));
        Assert.Equal(edited, page[0]);
        Assert.Equal([4L, 5], (await Store.ReadCommentsAsync(scope, 3, 10)).Select(c => c.CommentId));
        Assert.Null(await Store.GetCommentAsync(scope, 99));
    }

    [Fact]
    public async Task Text_and_times_round_trip_exactly()
    {
        var scope = NewScope();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);
        const string text = "Grüße 👩🏽‍🌾 𝄞 'quoted' \"double\" <b>bold</b> \\ back; DROP TABLE collab_events; --";
        var comment = new StoredComment(scope, 1, null, "m-ana", text, at, at.AddSeconds(1), "{}", "[\"m-ben\"]", 1);

        await Store.AppendAsync(new StoredEvent(scope, 1, "comment.posted", "{\"text\":\"𝄞\"}", "m-ana", "cmd-𝄞", at), comment);

        Assert.Equal(comment, await Store.GetCommentAsync(scope, 1));
        var stored = Assert.Single(await Store.ReadEventsAsync(scope, 0, 1));
        Assert.Equal((at, "{\"text\":\"𝄞\"}", "cmd-𝄞"), (stored.At, stored.Payload, stored.CommandId));
    }

    [Fact]
    public async Task Scopes_never_see_each_other()
    {
        var a = NewScope();
        var b = NewScope();
        await Store.AppendAsync(Event(a, 1), Comment(a, 1, "in a", 1));

        Assert.Empty(await Store.ReadEventsAsync(b, 0, 10));
        Assert.Empty(await Store.ReadCommentsAsync(b, 0, 10));
        await Store.AppendAsync(Event(b, 1), null);
        Assert.Single(await Store.ReadEventsAsync(a, 0, 10));
    }

    [Fact]
    public async Task The_latest_snapshot_at_or_before_a_seq_is_found_and_none_before_the_first()
    {
        var scope = NewScope();
        foreach (var seq in new long[] { 500, 1000, 1500 }) await Store.SaveSnapshotAsync(scope, seq, $"{{\"at\":{seq}}}");

        Assert.Null(await Store.LatestSnapshotAsync(scope, 499));
        Assert.Equal(new StoredSnapshot(scope, 500, "{\"at\":500}"), await Store.LatestSnapshotAsync(scope, 500));
        Assert.Equal(1000, (await Store.LatestSnapshotAsync(scope, 1499))!.Seq);
        Assert.Equal(1500, (await Store.LatestSnapshotAsync(scope, long.MaxValue))!.Seq);
        Assert.Null(await Store.LatestSnapshotAsync(NewScope(), long.MaxValue));
    }

    [Fact]
    public async Task Saving_a_snapshot_again_for_the_same_seq_replaces_it()
    {
        var scope = NewScope();
        await Store.SaveSnapshotAsync(scope, 7, "{\"v\":1}");

        await Store.SaveSnapshotAsync(scope, 7, "{\"v\":2}");

        Assert.Equal("{\"v\":2}", (await Store.LatestSnapshotAsync(scope, 7))!.Payload);
    }

    [Fact]
    public async Task A_large_snapshot_with_any_unicode_round_trips_exactly()
    {
        var scope = NewScope();
        var text = string.Concat(Enumerable.Repeat("Grüße 👩🏽‍🌾 𝄞 \\u0000 \\\"quoted\\\" ", 20_000));
        var payload = $"{{\"text\":\"{text}\"}}";

        await Store.SaveSnapshotAsync(scope, 1, payload);

        Assert.Equal(payload, (await Store.LatestSnapshotAsync(scope, 1))!.Payload);
    }

    [Fact]
    public async Task A_rewrite_replaces_payloads_and_snapshots_and_appends_in_one_go_keeping_everything_else()
    {
        var scope = NewScope();
        for (var seq = 1; seq <= 3; seq++) await Store.AppendAsync(Event(scope, seq, $"c-{seq}"), null);
        await Store.SaveSnapshotAsync(scope, 2, "{\"text\":\"secret\"}");
        var row = new RowChange(scope, "redactions", "r-4", 4, "{\"reason\":\"doxxing\"}");

        await Store.RewriteAsync(scope, [new PayloadRewrite(1, "{\"n\":\"██\"}"), new PayloadRewrite(2, "{}")],
            [new PayloadRewrite(2, "{\"text\":\"██████\"}")], Event(scope, 4, "c-4"), [row]);

        var events = await Store.ReadEventsAsync(scope, 0, 10);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Seq));
        Assert.Equal(Event(scope, 1, "c-1") with { Payload = "{\"n\":\"██\"}" }, events[0]);
        Assert.Equal(Event(scope, 2, "c-2") with { Payload = "{}" }, events[1]);
        Assert.Equal(Event(scope, 3, "c-3"), events[2]);
        Assert.Equal(Event(scope, 4, "c-4"), events[3]);
        Assert.Equal("{\"text\":\"██████\"}", (await Store.LatestSnapshotAsync(scope, 2))!.Payload);
        Assert.Equal("{\"reason\":\"doxxing\"}", (await Store.GetRowAsync(scope, "redactions", "r-4"))!.Payload);
    }

    [Fact]
    public async Task A_rewrite_whose_append_conflicts_or_that_names_a_missing_event_writes_nothing()
    {
        var scope = NewScope();
        for (var seq = 1; seq <= 2; seq++) await Store.AppendAsync(Event(scope, seq), null);
        await Store.SaveSnapshotAsync(scope, 1, "{\"text\":\"secret\"}");

        await Assert.ThrowsAsync<EventSeqConflictException>(() =>
            Store.RewriteAsync(scope, [new PayloadRewrite(1, "{}")], [new PayloadRewrite(1, "{}")], Event(scope, 2)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Store.RewriteAsync(scope, [new PayloadRewrite(1, "{}"), new PayloadRewrite(9, "{}")], [], Event(scope, 3)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Store.RewriteAsync(scope, [new PayloadRewrite(1, "{}")], [new PayloadRewrite(2, "{}")]));

        Assert.Equal([Event(scope, 1), Event(scope, 2)], await Store.ReadEventsAsync(scope, 0, 10));
        Assert.Equal("{\"text\":\"secret\"}", (await Store.LatestSnapshotAsync(scope, 1))!.Payload);
    }
}
