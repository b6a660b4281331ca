using System.Text.Json;
using System.Text.Json.Nodes;
using Collab.Grains.Documents;
using Collab.Grains.Documents.Ot;
using Collab.Replay.Editing;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collab.Tests.Documents;

/// <summary>
/// A redaction end to end on one storage: a secret typed over two operations by two members and caught in a snapshot
/// is redacted while both editors have an edit in flight; afterwards nothing a reader or the database holds shows it,
/// both editors and the server have one text, and the document replays from its rewritten log after a restart.
/// </summary>
public static class RedactionScenario
{
    public const int SnapshotEvery = 5;

    /// <summary>The secret's pieces (it is typed as "S3C" then "R3T😀"); none may survive anywhere.</summary>
    private static readonly string[] SecretParts = ["S3C", "R3T", "😀", "\\ud83d\\ude00"];

    public static async Task RedactConvergeAndRestart(Func<Task<CollabWebHost>> start, Func<string, Task<IReadOnlyList<string>>> storedPayloads)
    {
        DocumentWorkspace world;
        string text;
        List<string> texts;
        await using (var first = await start())
        {
            world = await DocumentWorkspace.CreateAsync(first);
            await using var ana = await world.Open(world.Owner);
            await using var ben = await world.Open(world.Member);
            var typed = "";
            string[] ops = ["""["Intro. "]""", """[7,"S3C"]""", """[10,"R3T😀 tail"]""", """[">> "]""", """[{"d":3}]""", """[19,"!"]"""];
            for (var i = 0; i < ops.Length; i++)
            {
                await (i % 2 == 0 ? ana : ben).Submit(i, ops[i]);
                typed = TextOperation.FromJson(ops[i]).Apply(typed);
                await ana.NextOp();
                await ben.NextOp();
            }
            Assert.Equal("Intro. S3CR3T😀 tail!", typed);

            // Both editors have an edit of revision 6 in flight when the redaction lands: Ben's inside the passage.
            var anaEditor = new OtClient(typed, 6);
            var benEditor = new OtClient(typed, 6);
            var anaEdit = anaEditor.Edit(TextOperation.Insert(20, " end"))!.Value;
            var benEdit = benEditor.Edit(TextOperation.Insert(10, "x"))!.Value;
            var tombstone = await world.Owner.Http.PostJson($"/api/documents/{world.DocumentId}/redactions",
                new { revision = 6, start = 7, end = 14, reason = "Personal data (doxxing)", commandId = "redact-1" });
            await Send(ben, benEdit);
            await Send(ana, anaEdit);
            foreach (var (client, editor) in new[] { (ana, anaEditor), (ben, benEditor) })
                for (var seq = 7; seq <= 9; seq++) Receive(editor, await client.NextOp());

            Assert.Equal((7L, 7, 7, "Personal data (doxxing)", world.Owner.MemberId),
                (tombstone["revision"]!.GetValue<long>(), tombstone["start"]!.GetValue<int>(), tombstone["length"]!.GetValue<int>(),
                    tombstone["reason"]!.GetValue<string>(), tombstone["moderatorId"]!.GetValue<string>()));
            (_, text) = await world.ServerDocument();
            Assert.Equal("Intro. x tail! end", text);
            Assert.Equal((9L, text), (anaEditor.Revision, anaEditor.Document.ToString()));
            Assert.Equal((9L, text), (benEditor.Revision, benEditor.Document.ToString()));

            texts = await TextsAt(world, 9);
            Assert.Equal("Intro. " + new string(HistoryRedaction.Placeholder, 7) + " tail!", texts[6]);
            var history = await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/history?limit=200");
            Assert.Equal("Personal data (doxxing)", history["items"]![6]!["redaction"]!["reason"]!.GetValue<string>());
            var redactions = await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/redactions");
            Assert.Equal(7, redactions["items"]!.AsArray().Single()!["revision"]!.GetValue<long>());
            await using var late = await world.Open(world.Member, knownRevision: 1);
            var retried = await world.Owner.Http.PostJson($"/api/documents/{world.DocumentId}/redactions",
                new { revision = 6, start = 7, end = 14, reason = "Personal data (doxxing)", commandId = "redact-1" });

            Assert.Equal(tombstone.ToJsonString(), retried.ToJsonString());
            AssertFree(string.Join("\n", texts), history.ToJsonString(), redactions.ToJsonString(), late.Opened.GetRawText(),
                (await world.Owner.Http.GetJson($"/api/documents/{world.DocumentId}/attribution")).ToJsonString());
        }

        var stored = await storedPayloads($"document:{world.DocumentId}");
        Assert.Equal(9 + 1 + 1, stored.Count); // nine operations, the snapshot at revision 5, the tombstone row
        AssertFree([.. stored]);

        await using var second = await start();
        var again = world.On(second);
        Assert.Equal((9L, text), await again.ServerDocument());
        Assert.Equal(texts, await TextsAt(again, 9));
        await using var reopened = await again.Open(again.Member);
        Assert.Equal(text, reopened.Opened.GetProperty("text").GetString());
        Assert.Equal(10, (await reopened.Submit(9, """["after restart "]""")).GetProperty("revision").GetInt64());
    }

    private static Task Send(DocumentClient client, OutgoingOperation edit) => client.Submit(edit.BaseRevision, edit.Op.ToJson(), edit.ClientOpId);

    private static void Receive(OtClient editor, JsonElement pushed)
    {
        var payload = pushed.GetProperty("payload");
        if (payload.GetProperty("clientOpId").GetString() == editor.InFlightId) editor.ReceiveAck();
        else editor.ReceiveRemote(TextOperation.FromJson(payload.GetProperty("op").GetRawText()));
    }

    private static async Task<List<string>> TextsAt(DocumentWorkspace world, long upTo)
    {
        var texts = new List<string>();
        for (var revision = 0; revision <= upTo; revision++)
            texts.Add((await world.Member.Http.GetJson($"/api/documents/{world.DocumentId}/text?revision={revision}"))["text"]!.GetValue<string>());
        return texts;
    }

    private static void AssertFree(params string[] reads)
    {
        foreach (var read in reads)
            foreach (var part in SecretParts)
                Assert.False(read.Contains(part, StringComparison.OrdinalIgnoreCase), $"'{part}' is still in: {read}");
    }
}

public sealed class SqliteDocumentRedactionTests
{
    [Fact]
    public async Task A_redacted_passage_leaves_text_history_snapshots_and_operation_rows_and_editors_converge_and_it_replays_after_a_restart()
    {
        using var folder = new TempFolder();
        await RedactionScenario.RedactConvergeAndRestart(() => CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Documents:SnapshotEvery"] = RedactionScenario.SnapshotEvery.ToString(),
        }), async scope =>
        {
            await using var connection = new SqliteConnection($"Data Source={folder.File("collab.db")};Pooling=False");
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = """
                SELECT payload FROM collab_events WHERE scope = $scope UNION ALL
                SELECT payload FROM collab_snapshots WHERE scope = $scope UNION ALL
                SELECT payload FROM collab_rows WHERE scope = $scope
                """;
            read.Parameters.AddWithValue("$scope", scope);
            var payloads = new List<string>();
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) payloads.Add(reader.GetString(0));
            return payloads;
        });
        SqliteConnection.ClearAllPools();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentRedactionTests(PostgresServer server)
{
    [Fact]
    public async Task A_redacted_passage_leaves_text_history_snapshots_and_operation_rows_and_editors_converge_and_it_replays_after_a_restart()
    {
        using var folder = new TempFolder();
        var connectionString = await server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = connectionString,
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"redaction-{Guid.NewGuid():N}",
            ["Collab:Documents:SnapshotEvery"] = RedactionScenario.SnapshotEvery.ToString(),
        };
        await RedactionScenario.RedactConvergeAndRestart(() => CollabWebHost.StartAsync(settings), async scope =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("""
                SELECT payload FROM collab_events WHERE scope = $1 UNION ALL
                SELECT payload FROM collab_snapshots WHERE scope = $1 UNION ALL
                SELECT payload FROM collab_rows WHERE scope = $1
                """, connection);
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
            var payloads = new List<string>();
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) payloads.Add(reader.GetString(0));
            return payloads;
        });
    }
}
