using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Collab.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAppendCostTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>
    /// Counts what PostgreSQL itself writes: the growth of its write-ahead log (the insert position) over ten
    /// appends, not how long they took. Every change of a row, index entry or page passes through that log.
    /// </summary>
    [Fact]
    public async Task Appending_comment_100000_writes_about_what_appending_comment_10_writes()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        await using var store = new PostgresEventStore(connectionString);
        await using var db = NpgsqlDataSource.Create(connectionString);
        await AppendCost.AppendComments(store, "short", 1, 9);
        await PostgresWal.Execute(db, AppendCost.FillSql("long", 99_999, postgres: true));
        // Background work would show up in the log: vacuum now, and keep autovacuum off these tables meanwhile.
        await PostgresWal.Execute(db, "VACUUM ANALYZE collab_events");
        await PostgresWal.Execute(db, "VACUUM ANALYZE collab_comments");
        await PostgresWal.Execute(db, "ALTER TABLE collab_events SET (autovacuum_enabled = false); ALTER TABLE collab_comments SET (autovacuum_enabled = false);");

        var shortWal = await PostgresWal.BytesWrittenBy(db, () => AppendCost.AppendComments(store, "short", 10, 10));
        var longWal = await PostgresWal.BytesWrittenBy(db, () => AppendCost.AppendComments(store, "long", 100_000, 10));

        output.WriteLine($"WAL bytes for 10 appends: at comment 10: {shortWal}, at comment 100,000: {longWal}");
        Assert.Equal(100_009, await store.GetLastSeqAsync("thread:long"));
        Assert.True(shortWal > 0);
        Assert.InRange(longWal, shortWal / 2, shortWal * 3 / 2);
    }
}
