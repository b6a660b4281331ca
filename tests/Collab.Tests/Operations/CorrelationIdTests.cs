using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Collab.Tests.Operations;

/// <summary>
/// Every request and hub connection has a correlation id: the caller's, or the trace's, or a new one; it comes back
/// in the X-Correlation-Id header and every log line written for the request carries it (read through a logger
/// provider of the host, which takes the host's log scopes as the console and JSON formatters do).
/// </summary>
public sealed class CorrelationIdTests : IAsyncLifetime
{
    private const string MarkerCategory = "Collab.Tests.Correlated";

    private readonly TempFolder _folder = new();
    private readonly CapturedLogs _logs = new();
    private CollabWebHost _host = null!;

    public async Task InitializeAsync() => _host = await CollabWebHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = _folder.File("key"),
            ["Logging:LogLevel:Collab"] = "Debug",
        },
        builder => builder.Logging.AddProvider(_logs),
        app => app.MapGet("/test/correlated", (ILoggerFactory loggers, string marker) =>
        {
            loggers.CreateLogger(MarkerCategory).LogInformation("inside request {Marker}", marker);
            return "ok";
        }).AllowAnonymous());

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_request_answers_with_the_correlation_id_it_gave_and_its_log_lines_carry_it()
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/correlated?marker=given");
        request.Headers.Add("X-Correlation-Id", "order-4711.retry-2");

        var response = await http.SendAsync(request);

        Assert.Equal("order-4711.retry-2", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.Equal("order-4711.retry-2", Marker("given").Scope["CorrelationId"]);
    }

    [Fact]
    public async Task A_request_with_a_traceparent_and_no_correlation_id_is_correlated_by_its_trace_id()
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/correlated?marker=traced");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await http.SendAsync(request);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", Marker("traced").Scope["CorrelationId"]);
    }

    [Fact]
    public async Task Requests_without_an_id_or_with_an_unusable_one_get_a_fresh_id_each()
    {
        using var http = _host.Anonymous();
        using var unusable = new HttpRequestMessage(HttpMethod.Get, "/test/correlated?marker=unusable");
        unusable.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");

        var first = await http.GetAsync("/test/correlated?marker=first");
        var second = await http.GetAsync("/test/correlated?marker=second");
        var third = await http.SendAsync(unusable);

        var ids = new[] { first, second, third }.Select(r => Assert.Single(r.Headers.GetValues("X-Correlation-Id"))).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids[0], Marker("first").Scope["CorrelationId"]);
        Assert.Equal(ids[2], Marker("unusable").Scope["CorrelationId"]);
    }

    [Fact]
    public async Task A_hub_connection_keeps_the_correlation_id_it_opened_with_on_the_log_lines_of_its_calls()
    {
        var member = await _host.SignInAsync();
        await using var hub = await HubClient.ConnectAsync(_host.Address, member.Token, o => o.Headers["X-Correlation-Id"] = "tab-42");

        await Assert.ThrowsAsync<HubException>(() => hub.Join("nowhere:at-all", 0));

        var refusal = _logs.Entries.Single(e =>
            e.Category.EndsWith("HubErrorFilter", StringComparison.Ordinal) && e.Message.StartsWith("Hub method Join refused", StringComparison.Ordinal));
        Assert.Equal("tab-42", refusal.Scope["CorrelationId"]);
        Assert.False(string.IsNullOrEmpty(refusal.Scope["ConnectionId"] as string));
    }

    [Fact]
    public async Task Logging_Format_json_writes_the_console_as_json_with_scopes()
    {
        using var folder = new TempFolder();
        await using var host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = folder.File("key"),
            ["Logging:Format"] = "json",
        });

        Assert.Equal(ConsoleFormatterNames.Json, host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.True(host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }

    private CapturedLogs.Entry Marker(string marker) =>
        _logs.Entries.Single(e => e.Category == MarkerCategory && e.Message == $"inside request {marker}");
}
