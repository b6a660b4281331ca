using Collab.Grains.Storage;
using Collab.Hosting.Storage.Sqlite;
using Collab.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Collab.Tests.Storage;

/// <summary>The SQLite store's group commit: many grains' appends in one transaction, each with its own outcome.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    private static PendingAppend Append(string scope, long seq, string text = "hello") => new(
        [new StoredEvent(scope, seq, "comment.posted", $"{{\"text\":\"{text}\"}}", "m-ana", $"cmd-{seq}", T0.AddSeconds(seq))],
        new StoredComment(scope, seq, null, "m-ana", text, T0, null, "{}", "[]", seq),
        null);

    [Fact]
    public async Task Concurrent_appends_from_many_scopes_are_all_durable_and_in_seq_order()
    {
        const int scopes = 40, perScope = 25;
        var path = _folder.File("many.db");
        var store = new SqliteEventStore(new SqliteDatabase(path));

        // Each scope appends in order, as its grain does; the scopes write at the same time, so they share commits.
        await Task.WhenAll(Enumerable.Range(0, scopes).Select(async s =>
        {
            for (var seq = 1; seq <= perScope; seq++)
            {
                var (events, comment, rows, _) = Append($"thread:s{s}", seq, $"s{s} n{seq}");
                await store.AppendAsync(events[0], comment, rows);
            }
        }));

        // Read back through a fresh store and fresh connections: what was acknowledged is in the file.
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var reopened = new SqliteEventStore(new SqliteDatabase(path));
        for (var s = 0; s < scopes; s++)
        {
            var events = await reopened.ReadEventsAsync($"thread:s{s}", 0, 100);
            Assert.Equal(Enumerable.Range(1, perScope).Select(n => (long)n), events.Select(e => e.Seq));
            Assert.All(events, e => Assert.Equal($"{{\"text\":\"s{s} n{e.Seq}\"}}", e.Payload));
            Assert.Equal($"s{s} n{perScope}", (await reopened.GetCommentAsync($"thread:s{s}", perScope))!.Text);
        }
    }

    [Fact]
    public async Task A_conflict_in_one_scope_of_a_batch_fails_that_scope_only()
    {
        await using var store = new SqliteEventStore(new SqliteDatabase(_folder.File("conflict.db")));
        var (taken, takenComment, _, _) = Append("thread:a", 1, "already there");
        await store.AppendAsync(taken[0], takenComment);

        var outcomes = await store.WriteBatchAsync(
        [
            Append("thread:b", 1), Append("thread:a", 1, "second writer"), Append("thread:c", 1), Append("thread:a", 2, "after the conflict"), Append("thread:b", 2),
        ]);

        Assert.Null(outcomes[0]);
        Assert.Equal(("thread:a", 1L), Conflict(outcomes[1]));
        Assert.Null(outcomes[2]);
        Assert.Equal(("thread:a", 2L), Conflict(outcomes[3]));
        Assert.Null(outcomes[4]);
        Assert.Equal(["{\"text\":\"already there\"}"], (await store.ReadEventsAsync("thread:a", 0, 10)).Select(e => e.Payload));
        Assert.Equal("already there", (await store.GetCommentAsync("thread:a", 1))!.Text);
        Assert.Equal([1L, 2], (await store.ReadEventsAsync("thread:b", 0, 10)).Select(e => e.Seq));
        Assert.Equal([1L], (await store.ReadEventsAsync("thread:c", 0, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_batch_whose_transaction_fails_writes_nothing_of_it_and_keeps_what_was_acknowledged()
    {
        var database = new SqliteDatabase(_folder.File("failing.db"));
        await using var store = new SqliteEventStore(database);
        var (before, beforeComment, _, _) = Append("thread:b", 1);
        await store.AppendAsync(before[0], beforeComment);
        // A storage failure that abandons the whole transaction, as SQLite does on a full disk or an I/O error.
        await SqliteWal.Execute(database, """
            CREATE TRIGGER fail_the_transaction AFTER INSERT ON collab_events WHEN NEW.scope = 'thread:doomed'
            BEGIN SELECT RAISE(ROLLBACK, 'storage failed mid-transaction'); END;
            """);

        var failure = await Assert.ThrowsAsync<SqliteException>(() => store.WriteBatchAsync(
            [Append("thread:b", 2), Append("thread:doomed", 1), Append("thread:c", 1)]));

        Assert.Contains("storage failed mid-transaction", failure.Message);
        Assert.Equal([1L], (await store.ReadEventsAsync("thread:b", 0, 10)).Select(e => e.Seq));
        Assert.Null(await store.GetCommentAsync("thread:b", 2));
        Assert.Empty(await store.ReadEventsAsync("thread:c", 0, 10));
        var (next, nextComment, _, _) = Append("thread:b", 2);
        await store.AppendAsync(next[0], nextComment);
        Assert.Equal([1L, 2], (await store.ReadEventsAsync("thread:b", 0, 10)).Select(e => e.Seq));
    }

    private static (string, long) Conflict(Exception? outcome)
    {
        var conflict = Assert.IsType<EventSeqConflictException>(outcome);
        return (conflict.Scope, conflict.Seq);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
