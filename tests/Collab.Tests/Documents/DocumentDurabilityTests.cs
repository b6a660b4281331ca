using Collab.Grains.Storage;
using Collab.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Documents;

/// <summary>What a document looks like after its host stops and starts again on the same storage.</summary>
public static class DocumentRestart
{
    public const int SnapshotEvery = 5;

    /// <summary>
    /// Edits a document through the hub (13 revisions by two members, so snapshots at 5 and 10 and three
    /// operations after them), restarts the host, and checks text, revision, history, old texts and attribution.
    /// </summary>
    public static async Task EditRestartAndCompare(Func<Task<CollabWebHost>> start)
    {
        DocumentWorkspace world;
        string text, history, textAt7, attribution;
        await using (var first = await start())
        {
            world = await DocumentWorkspace.CreateAsync(first);
            await using var ana = await world.Open(world.Owner);
            await using var ben = await world.Open(world.Member);
            for (var i = 0; i < 13; i++) await (i % 2 == 0 ? ana : ben).Submit(i, i == 0 ? """["Grüße 🌍\n"]""" : $$"""[{{i}},"{{i}}𝄞"]""");
            (_, text) = await world.ServerDocument();
            history = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history?limit=200")).ToJsonString();
            textAt7 = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision=7")).ToJsonString();
            attribution = (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/attribution")).ToJsonString();
            var snapshot = await first.Services.GetRequiredService<IEventStore>().LatestSnapshotAsync($"document:{world.DocumentId}", long.MaxValue);
            Assert.Equal(10, snapshot!.Seq);
        }

        await using var second = await start();
        var again = world.On(second);
        await using var reopened = await again.Open(again.Member);

        Assert.Equal((13L, text), (reopened.Opened.GetProperty("revision").GetInt64(), reopened.Opened.GetProperty("text").GetString()));
        Assert.Equal((13L, text), await again.ServerDocument());
        Assert.Equal(history, (await again.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/history?limit=200")).ToJsonString());
        Assert.Equal(textAt7, (await again.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision=7")).ToJsonString());
        Assert.Equal(attribution, (await again.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/attribution")).ToJsonString());
        Assert.Equal(14, (await reopened.Submit(13, """["after restart "]""")).GetProperty("revision").GetInt64());
    }
}

public sealed class SqliteDocumentDurabilityTests
{
    private static Task<CollabWebHost> Start(TempFolder folder) => CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
        ["Collab:Documents:SnapshotEvery"] = DocumentRestart.SnapshotEvery.ToString(),
    });

    [Fact]
    public async Task A_document_edited_before_a_restart_has_the_same_text_revision_and_history_after_it()
    {
        using var folder = new TempFolder();
        await DocumentRestart.EditRestartAndCompare(() => Start(folder));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Opening_a_document_loads_its_latest_snapshot_and_replays_only_the_operations_after_it()
    {
        using var folder = new TempFolder();
        DocumentWorkspace world;
        string text;
        await using (var first = await Start(folder))
        {
            world = await DocumentWorkspace.CreateAsync(first);
            await using var ana = await world.Open(world.Owner);
            for (var i = 0; i < 12; i++) await ana.Submit(i, i == 0 ? """["start "]""" : $$"""[{{i}},"{{(char)('a' + i)}}😀"]""");
            (_, text) = await world.ServerDocument();
        }
        // Take away the operations the snapshot at revision 10 covers: a document that still opens right cannot have read them.
        await using (var connection = new SqliteConnection($"Data Source={folder.File("collab.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM collab_events WHERE scope = $scope AND seq <= 10";
            delete.Parameters.AddWithValue("$scope", $"document:{world.DocumentId}");
            Assert.Equal(10, await delete.ExecuteNonQueryAsync());
        }

        await using var second = await Start(folder);
        var again = world.On(second);

        Assert.Equal((12L, text), await again.ServerDocument());
        await using var ben = await again.Open(again.Member);
        Assert.Equal(13, (await ben.Submit(11, """["!"]""")).GetProperty("revision").GetInt64());
        SqliteConnection.ClearAllPools();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentDurabilityTests(PostgresServer server)
{
    [Fact]
    public async Task A_document_edited_before_a_restart_has_the_same_text_revision_and_history_after_it()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"documents-{Guid.NewGuid():N}",
            ["Collab:Documents:SnapshotEvery"] = DocumentRestart.SnapshotEvery.ToString(),
        };
        await DocumentRestart.EditRestartAndCompare(() => CollabWebHost.StartAsync(settings));
    }
}
