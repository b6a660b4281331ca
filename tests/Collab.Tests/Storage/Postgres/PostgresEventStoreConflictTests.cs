using Collab.Grains.Storage;
using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Collab.Tests.Storage.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventStoreConflictTests(PostgresServer server)
{
    [Fact]
    public async Task Duplicate_scope_and_seq_append_throws_EventSeqConflictException_and_keeps_the_first_row()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        await using var store = new PostgresEventStore(connectionString);
        // Microsecond precision, the resolution of timestamptz, so the instant must come back unchanged.
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_560);
        var first = new StoredEvent("thread:t1", 1, "CommentPosted", """{"text":"first"}""", "member:ada", "cmd-1", at);
        var firstComment = new StoredComment("t1", 1, null, "member:ada", "first", at, null, "{}", "[]", 1);
        await store.AppendAsync(first, firstComment);
        var rival = new StoredEvent("thread:t1", 1, "CommentPosted", """{"text":"rival"}""", "member:bob", "cmd-2", at.AddSeconds(1));
        var rivalComment = firstComment with { Text = "rival", AuthorId = "member:bob", LastSeq = 1 };

        var conflict = await Assert.ThrowsAsync<EventSeqConflictException>(() => store.AppendAsync(rival, rivalComment));

        Assert.Equal(("thread:t1", 1L), (conflict.Scope, conflict.Seq));
        Assert.Equal([first], await store.ReadEventsAsync("thread:t1", afterSeq: 0, limit: 10));
        // The comment upsert travels with the event insert, so it must not have happened either.
        Assert.Equal(firstComment, await store.GetCommentAsync("t1", 1));
    }
}
