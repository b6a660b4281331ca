using Collab.Hosting.Storage.Sqlite;
using Collab.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Collab.Tests.Storage;

public sealed class SqliteCheckpointTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    /// <summary>
    /// The store's writer never checkpoints in its own commits, and nothing else here writes, so the database file
    /// grows only when the store's own checkpoints copy the log into it.
    /// </summary>
    [Fact]
    public async Task Appends_reach_the_database_file_through_checkpoints_off_the_writer_path()
    {
        var database = new SqliteDatabase(_folder.File("checkpoints.db"));
        await using var store = new SqliteEventStore(database);
        await AppendCost.AppendComments(store, "first", 1, 1);
        await SqliteWal.Execute(database, "PRAGMA wal_checkpoint(TRUNCATE);");
        var before = new FileInfo(database.Path).Length;

        await AppendCost.AppendComments(store, "busy", 1, 1_500);

        var deadline = DateTime.UtcNow + Patience;
        while (new FileInfo(database.Path).Length <= before)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The database file stayed at {before} bytes for {Patience} after 1,500 appends.");
            await Task.Delay(100);
        }
        Assert.Equal(1_500, await store.GetLastSeqAsync("thread:busy"));
        Assert.Equal(1_500, (await store.ReadCommentsAsync("busy", 1_499, 10)).Single().CommentId);
    }

    [Fact]
    public async Task A_closed_store_gives_its_writer_back_to_the_pool_with_the_automatic_checkpoint_on()
    {
        var database = new SqliteDatabase(_folder.File("pooled.db"));
        var store = new SqliteEventStore(database);
        await AppendCost.AppendComments(store, "first", 1, 3);

        await store.DisposeAsync();

        // Every idle pooled connection, the closed writer among them, and then some: each checkpoints by itself.
        var connections = new List<SqliteConnection>();
        for (var i = 0; i < 4; i++) connections.Add(await database.OpenAsync());
        foreach (var connection in connections)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal(1000L, (long)(await pragma.ExecuteScalarAsync())!);
            await connection.DisposeAsync();
        }
        await Assert.ThrowsAsync<ObjectDisposedException>(() => AppendCost.AppendComments(store, "first", 4, 1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
