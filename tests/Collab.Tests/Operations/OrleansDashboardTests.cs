using System.Net;
using System.Text.Json.Nodes;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Operations;

/// <summary>
/// The Orleans dashboard of a cluster: a silo host process gathers its figures, a web node in client mode serves it,
/// to operators only (Collab:Operators:Members, here by handle).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansDashboardTests(PostgresServer server)
{
    private const string OperatorHandle = "ops_watch";

    [Fact]
    public async Task The_dashboard_answers_an_operator_and_refuses_anonymous_callers_and_other_members()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
            ["Collab:Cluster:ClusterId"] = $"dashboard-{Guid.NewGuid():N}",
        };
        await using var silo = await ExternalHost.StartSiloAsync(settings);
        await using var web = await CollabWebHost.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["Collab:Web:CoHostSilo"] = "false",
            ["Collab:Auth:DevIssuer"] = "true",
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
            ["Collab:Operators:Members:0"] = "@" + OperatorHandle,
        });
        var operatorMember = await web.SignInAsync(OperatorHandle);
        var member = await web.SignInAsync("plain_member");
        using var anonymous = web.Anonymous();

        var page = await operatorMember.Http.GetAsync("/dashboard/index.html");
        var stats = await operatorMember.Http.GetAsync("/dashboard/ClusterStats");
        var refusedAnonymous = await anonymous.GetAsync("/dashboard/ClusterStats");
        var refusedMember = await member.Http.GetAsync("/dashboard/ClusterStats");
        var refusedMemberPage = await member.Http.GetAsync("/dashboard/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.NotNull(JsonNode.Parse(await stats.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedMemberPage.StatusCode);
    }
}
