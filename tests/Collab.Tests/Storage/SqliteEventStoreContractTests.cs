using Collab.Grains.Storage;
using Collab.Hosting.Storage.Sqlite;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Storage;

public sealed class SqliteEventStoreContractTests : EventStoreContract
{
    private readonly TempFolder _folder = new();

    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(new SqliteEventStore(new SqliteDatabase(_folder.File("events.db"))));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
