using Collab.Hosting.Storage.Sqlite;
using Collab.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Collab.Tests.Storage;

public sealed class SqliteAppendCostTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>
    /// Counts what SQLite itself writes: after a checkpoint empties the write-ahead log, every committed page
    /// lands in it, so its growth is the storage work of the appends, independent of the machine's speed.
    /// </summary>
    [Fact]
    public async Task Appending_comment_100000_writes_about_what_appending_comment_10_writes()
    {
        var database = new SqliteDatabase(_folder.File("cost.db"));
        await using var store = new SqliteEventStore(database);
        await AppendCost.AppendComments(store, "short", 1, 9);
        await SqliteWal.Execute(database, AppendCost.FillSql("long", 99_999, postgres: false));

        var shortBytes = await SqliteWal.BytesWrittenBy(database, () => AppendCost.AppendComments(store, "short", 10, 10));
        var longBytes = await SqliteWal.BytesWrittenBy(database, () => AppendCost.AppendComments(store, "long", 100_000, 10));

        output.WriteLine($"WAL bytes for 10 appends: at comment 10: {shortBytes}, at comment 100,000: {longBytes}");
        Assert.Equal(100_009, await store.GetLastSeqAsync("thread:long"));
        Assert.True(shortBytes > 0);
        Assert.InRange(longBytes, shortBytes / 2, shortBytes * 3 / 2);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
