using System.Net;
using System.Text.Json.Nodes;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Resilience;

/// <summary>
/// The health endpoints of a real silo host process and of a web node in client mode, on a PostgreSQL server of
/// the test's own (stopped and started again) .
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Silo_and_client_web_node_are_ready_when_joined_and_storage_answers_degraded_without_PostgreSQL_and_the_web_node_unready_without_a_silo()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await _server.CreateDatabaseAsync(),
            ["Collab:Cluster:ClusterId"] = $"health-{Guid.NewGuid():N}",
        };
        await using var silo = await ExternalHost.StartSiloAsync(settings);
        await using var web = await CollabWebHost.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["Collab:Web:CoHostSilo"] = "false",
            ["Collab:Auth:DevIssuer"] = "true",
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
        });
        using var siloHttp = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(15) };
        using var webHttp = web.Anonymous();

        await Eventually(siloHttp, "/health/ready", HttpStatusCode.OK, "Healthy");
        await Eventually(webHttp, "/health/ready", HttpStatusCode.OK, "Healthy");

        await _server.StopAsync();
        await Eventually(siloHttp, "/health/ready", HttpStatusCode.ServiceUnavailable, "Degraded");
        await Eventually(webHttp, "/health/ready", HttpStatusCode.ServiceUnavailable, "Degraded");
        await Eventually(siloHttp, "/health/live", HttpStatusCode.OK, "Healthy");
        await Eventually(webHttp, "/health/live", HttpStatusCode.OK, "Healthy");

        await _server.StartAgainAsync();
        await Eventually(siloHttp, "/health/ready", HttpStatusCode.OK, "Healthy");
        await Eventually(webHttp, "/health/ready", HttpStatusCode.OK, "Healthy");

        silo.Kill();
        await Eventually(webHttp, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await Eventually(webHttp, "/health/live", HttpStatusCode.OK, "Healthy");
    }

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="status"/> with <paramref name="body"/>; fails with the last answer after a minute.</summary>
    private static async Task Eventually(HttpClient http, string path, HttpStatusCode status, string body)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = "";
        while (true)
        {
            try
            {
                var response = await http.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode} {text}";
                // /health/ready answers a JSON report whose status is the overall one; /health/live the bare status.
                var overall = text.StartsWith('{') ? JsonNode.Parse(text)!["status"]!.GetValue<string>() : text;
                if (response.StatusCode == status && overall == body) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{http.BaseAddress}{path[1..]} answered '{last}', not {(int)status} {body}, for {Patience}.");
            await Task.Delay(200);
        }
    }
}
