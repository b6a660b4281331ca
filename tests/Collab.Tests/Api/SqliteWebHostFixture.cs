using Collab.Tests.Infrastructure;

namespace Collab.Tests.Api;

/// <summary>One single-node web host shared by the HTTP API tests; each test makes its own members and circles.</summary>
public sealed class SqliteWebHostFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public CollabWebHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CollabWebHost.StartSqliteAsync(_folder);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteWebHostCollection : ICollectionFixture<SqliteWebHostFixture>
{
    public const string Name = "Web host (SQLite)";
}
