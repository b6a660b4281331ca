using Collab.Tests.Infrastructure;

namespace Collab.Tests.Documents;

/// <summary>Two web nodes with a silo each, one cluster through PostgreSQL: co-editing and cursors cross nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentTwoNodeTests(PostgresServer server)
{
    [Fact]
    public async Task Editors_on_different_web_nodes_receive_each_others_operations_and_cursors()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var clusterId = $"documents-two-nodes-{Guid.NewGuid():N}";
        Dictionary<string, string?> Node() => new()
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = connectionString,
            ["Collab:Cluster:ClusterId"] = clusterId,
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Auth:DevIssuer"] = "true",
        };
        await using var nodeA = await CollabWebHost.StartAsync(Node());
        await using var nodeB = await CollabWebHost.StartAsync(Node());
        var world = await DocumentWorkspace.CreateAsync(nodeA);
        var onB = world.On(nodeB);
        await using var ana = await world.Open(world.Owner);
        await using var ben = await onB.Open(onB.Member);

        await ana.Submit(0, """["hello"]""");
        var first = await ben.NextOp();
        await ana.NextOp();
        var anaAck = await ana.Submit(1, """[5," from A"]""");
        var benAck = await ben.Submit(1, """[5," from B"]""");
        var atA = await ana.NextOp();
        var atB = await ben.NextOp();
        await ana.SetCursor(3, 0, 5);
        var cursor = await ben.NextCursor();

        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal([2L, 3], new[] { anaAck, benAck }.Select(a => a.GetProperty("revision").GetInt64()).Order());
        Assert.Equal((2L, 2L), (atA.GetProperty("seq").GetInt64(), atB.GetProperty("seq").GetInt64()));
        var (revision, text) = await onB.ServerDocument();
        Assert.Equal(3, revision);
        Assert.Equal("hello".Length + 2 * " from A".Length, text.Length);
        Assert.Contains(" from A", text);
        Assert.Contains(" from B", text);
        Assert.Equal((world.Owner.MemberId, 3L, 0, 5), (cursor.GetProperty("memberId").GetString(), cursor.GetProperty("revision").GetInt64(),
            cursor.GetProperty("anchor").GetInt32(), cursor.GetProperty("focus").GetInt32()));
    }
}
