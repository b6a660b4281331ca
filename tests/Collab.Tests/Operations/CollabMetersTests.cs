using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Operations;

/// <summary>
/// Collab's own meters after real traffic (real SignalR clients posting, editing, rejoining and overrunning the
/// posting limit), read the way an operator's Prometheus reads them: by scraping <c>/metrics</c>.
/// </summary>
[Collection(MetersCollection.Name)]
public sealed class CollabMetersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Collab_meters_count_comments_operations_commands_connections_deliveries_gap_fills_and_refusals()
    {
        using var folder = new TempFolder();
        await using var host = await CollabWebHost.StartSqliteAsync(folder);
        using var scraper = host.Anonymous();
        var owner = await host.SignInAsync("meter_owner");
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Metered" }))["id"]!.GetValue<string>();
        var threadId = (await owner.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "Counted" }))["id"]!.GetValue<string>();
        var projectId = (await owner.Http.PostJson($"/api/circles/{circleId}/projects", new { title = "Measured notes" }))["id"]!.GetValue<string>();
        var readers = new List<CollabWebHost.SignedIn>();
        for (var i = 0; i < 3; i++)
        {
            var reader = await host.SignInAsync($"meter_reader_{i}");
            await reader.Http.PostJson($"/api/circles/{circleId}/join", new { });
            readers.Add(reader);
        }
        var scope = $"thread:{threadId}";
        var before = await scraper.GetStringAsync("/metrics");

        var clients = new List<HubClient> { await HubClient.ConnectAsync(host.Address, owner.Token) };
        foreach (var reader in readers) clients.Add(await HubClient.ConnectAsync(host.Address, reader.Token));
        foreach (var client in clients) await client.Join(scope, 0);
        var whileConnected = await ScrapeUntil(scraper, s => Value(s, "collab_hub_connections") == Value(before, "collab_hub_connections") + clients.Count);

        const int posted = 5;
        var author = clients[0];
        JsonElement last = default;
        for (var i = 0; i < posted; i++) last = await author.Post(threadId, $"measured {i}");
        await author.Connection.InvokeAsync<JsonElement>("EditComment", threadId, last.GetProperty("id").GetInt64(), "measured, edited", Guid.NewGuid().ToString());
        await author.Connection.InvokeAsync<JsonElement>("OpenDocument", projectId, 0L);
        await author.Connection.InvokeAsync<JsonElement>("SubmitOperation", projectId, 0L, JsonSerializer.SerializeToElement(new object[] { "measured" }), "op-1");
        // Each client receives the five comments and the edit, in order.
        foreach (var client in clients)
            for (var i = 0; i < posted + 1; i++) await client.NextEvent(scope);

        // A late reader rejoins from the thread's creation (seq 1): the six events after it are read back from the log.
        await using (var late = await HubClient.ConnectAsync(host.Address, readers[0].Token))
        {
            var rejoined = await late.Join(scope, 1);
            Assert.Equal(posted + 1, rejoined.GetProperty("events").GetArrayLength());
        }

        // A member who overruns the circle's posting limit (10 per 30 s by default) is refused.
        var eager = clients[1];
        HubException? refusal = null;
        for (var i = 0; i < 30 && refusal is null; i++)
        {
            try
            {
                await eager.Post(threadId, $"eager {i}");
            }
            catch (HubException ex)
            {
                refusal = ex;
            }
        }
        Assert.Contains("LimitExceeded", refusal?.Message);

        var after = await ScrapeUntil(scraper, s => Delta(before, s, "collab_live_gap_fills_total", "source=\"join\"") >= posted + 1
            && Delta(before, s, "collab_rate_limit_refusals_total", "transport=\"hub\"") >= 1);
        foreach (var client in clients) await client.DisposeAsync();
        var afterClosing = await ScrapeUntil(scraper, s => Value(s, "collab_hub_connections") == Value(before, "collab_hub_connections"));

        Assert.True(Delta(before, after, "collab_comments_posted_total", "transport=\"hub\"") >= posted, after);
        Assert.True(Delta(before, after, "collab_hub_commands_total", "method=\"PostComment\",outcome=\"ok\"") >= posted, after);
        Assert.True(Delta(before, after, "collab_hub_commands_total", "method=\"EditComment\",outcome=\"ok\"") >= 1, after);
        Assert.True(Delta(before, after, "collab_document_operations_total") >= 1, after);
        Assert.Equal(Value(before, "collab_hub_connections") + clients.Count, Value(whileConnected, "collab_hub_connections"));
        Assert.Equal(Value(before, "collab_hub_connections"), Value(afterClosing, "collab_hub_connections"));
        // Every comment and the edit went to each of the four connections joined to the thread.
        Assert.True(Delta(before, after, "collab_live_deliveries_total") >= clients.Count * (posted + 1), after);
        Assert.True(Delta(before, after, "collab_live_gap_fills_total", "source=\"join\"") >= posted + 1, after);
        Assert.True(Delta(before, after, "collab_rate_limit_refusals_total", "transport=\"hub\"") >= 1, after);
    }

    /// <summary>Scrapes until the condition holds (the exporter caches a scrape for a moment), at most <see cref="Patience"/>.</summary>
    private static async Task<string> ScrapeUntil(HttpClient scraper, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        var scrape = await scraper.GetStringAsync("/metrics");
        while (!condition(scrape) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            scrape = await scraper.GetStringAsync("/metrics");
        }
        return scrape;
    }

    private static double Delta(string before, string after, string name, string labels = "") => Value(after, name, labels) - Value(before, name, labels);

    /// <summary>The sum of a series' values (those carrying <paramref name="labels"/>), 0 when it has none yet.</summary>
    private static double Value(string scrape, string name, string labels = "") =>
        Regex.Matches(scrape, $@"^{name}(?:\{{([^}}]*)\}})? ([0-9.eE+-]+)", RegexOptions.Multiline)
            .Where(m => m.Groups[1].Value.Contains(labels, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
}
