using Collab.Tests.Infrastructure;

namespace Collab.Tests.Documents;

/// <summary>
/// One single-node host for the document tests, with small document limits so that snapshots and the transform
/// window are reached in a few operations, and hub messages large enough to carry an over-long insert (so the
/// grain's own limit, not the transport's, is what refuses it).
/// </summary>
public sealed class DocumentsHostFixture : IAsyncLifetime
{
    public const int SnapshotEvery = 5;
    public const int MaxTransformWindow = 20;

    private readonly TempFolder _folder = new();

    public CollabWebHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = _folder.File("dev-signing.key"),
        ["Collab:Documents:SnapshotEvery"] = SnapshotEvery.ToString(),
        ["Collab:Documents:MaxTransformWindow"] = MaxTransformWindow.ToString(),
        ["Collab:Connections:MaxHubMessageBytes"] = (2 * 1024 * 1024).ToString(),
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DocumentsHostCollection : ICollectionFixture<DocumentsHostFixture>
{
    public const string Name = "Documents host (SQLite)";
}
