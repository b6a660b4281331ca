using System.Globalization;
using System.Text.RegularExpressions;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Api;

/// <summary>Collab's own meters, read the way an operator's Prometheus reads them: by scraping <c>/metrics</c>.</summary>
[Collection(Operations.MetersCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task The_Prometheus_endpoint_shows_Collab_counters_moving_with_traffic()
    {
        using var folder = new TempFolder();
        await using var host = await CollabWebHost.StartSqliteAsync(folder);
        var ana = await host.SignInAsync("ana_metrics");
        var circleId = (await ana.Http.PostJson("/api/circles", new { name = "Measured" }))["id"]!.GetValue<string>();
        var threadId = (await ana.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Counted" }))["id"]!.GetValue<string>();
        using var anonymous = host.Anonymous();
        var before = Counter(await anonymous.GetStringAsync("/metrics"), "collab_comments_posted_total");

        await using var hub = await HubClient.ConnectAsync(host.Address, ana.Token);
        for (var i = 0; i < 3; i++) await hub.Post(threadId, $"counted {i}");

        // The exporter caches a scrape for a moment; the counters show on a scrape after it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string scrape;
        do
        {
            await Task.Delay(200);
            scrape = await anonymous.GetStringAsync("/metrics");
        }
        while (Counter(scrape, "collab_comments_posted_total") < before + 3 && DateTime.UtcNow < deadline);

        // At least: OpenTelemetry listens to every meter named Collab in the process, and tests run hosts side by side.
        Assert.True(Counter(scrape, "collab_comments_posted_total") >= before + 3, scrape);
        Assert.True(Counter(scrape, "collab_hub_commands_total", "method=\"PostComment\",outcome=\"ok\"") >= 3, scrape);
        Assert.Contains("http_server_request_duration_seconds", scrape);
    }

    /// <summary>The sum of a counter's series (those carrying <paramref name="labels"/>), 0 when it has none yet.</summary>
    private static double Counter(string scrape, string name, string labels = "") =>
        Regex.Matches(scrape, $@"^{name}(?:\{{([^}}]*)\}})? ([0-9.eE+-]+)", RegexOptions.Multiline)
            .Where(m => m.Groups[1].Value.Contains(labels, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
}
