using Collab.Grains.Storage;
using Collab.Hosting.Storage.Postgres;
using Collab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Collab.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventStoreContractTests(PostgresServer server) : EventStoreContract
{
    private PostgresEventStore? _store;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgresMigrator.MigrateAsync(connectionString, NullLogger.Instance);
        return _store = new PostgresEventStore(connectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
