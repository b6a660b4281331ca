using System.Net;
using System.Net.Http.Json;
using System.Text;
using Collab.Grains.Abstractions.Errors;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collab.Tests.Api;

/// <summary>
/// A user's mistake (a refused command, an unknown id, bad input, no token) is no fault of the server: it is
/// noted at Debug without a stack trace, so a day of normal use does not fill the log with errors. A real fault
/// still logs as an error, with its exception, over HTTP and over the hub.
/// </summary>
public sealed class RefusalLoggingTests : IAsyncLifetime
{
    private const string FaultScope = "fault:deliberate";

    private readonly TempFolder _folder = new();
    private readonly CapturedLogs _logs = new();
    private CollabWebHost _host = null!;

    public async Task InitializeAsync() => _host = await CollabWebHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
            ["Collab:Auth:DevKeyPath"] = _folder.File("key"),
            // Collab's own notes of refusals are Debug; everything else stays at the hosts' Warning.
            ["Logging:LogLevel:Collab"] = "Debug",
        },
        builder =>
        {
            builder.Logging.AddProvider(_logs);
            // Innermost of the hub filters, so its fault travels the same way as a fault in a hub method.
            builder.Services.PostConfigure<HubOptions>(o => o.AddFilter(new FaultFilter()));
        },
        app => app.MapGet("/test/fault", string () => throw new InvalidOperationException("deliberate HTTP fault")));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Refused_requests_and_hub_calls_log_nothing_at_warning_or_above_and_note_each_refusal_at_debug()
    {
        var owner = await _host.SignInAsync();
        var stranger = await _host.SignInAsync();
        var privateCircle = (await owner.Http.PostJson("/api/circles", new { name = "Private", visibility = "InviteOnly" }))["id"]!.GetValue<string>();
        var openCircle = (await owner.Http.PostJson("/api/circles", new { name = "Open" }))["id"]!.GetValue<string>();
        var thread = (await owner.Http.PostJson($"/api/circles/{openCircle}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        await using var hub = await HubClient.ConnectAsync(_host.Address, stranger.Token);
        using var anonymous = _host.Anonymous();
        var before = _logs.Entries.Count;

        var statuses = new[]
        {
            (await stranger.Http.GetAsync($"/api/circles/{privateCircle}")).StatusCode,
            (await stranger.Http.GetAsync("/api/threads/t-unknown")).StatusCode,
            (await stranger.Http.PostAsJsonAsync($"/api/threads/{thread}/comments", new { text = "" })).StatusCode,
            (await stranger.Http.PostAsync("/api/circles", new StringContent("""{"name":""", Encoding.UTF8, "application/json"))).StatusCode,
            (await anonymous.GetAsync("/api/circles")).StatusCode,
        };
        var hubKinds = new[]
        {
            await RefusalKind(() => hub.Join($"circle:{privateCircle}", 0)),
            await RefusalKind(() => hub.Join("thread:t-unknown", 0)),
            await RefusalKind(() => hub.Post(thread, "")),
        };

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(["Forbidden", "NotFound", "Invalid"], hubKinds);
        var logged = _logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Warning && IsAboutRequests(e));
        Assert.Equal(4, logged.Count(e => e is { Category: "Collab.Web.Extensions.CollabExceptionHandler", Level: LogLevel.Debug, Exception: null }));
        Assert.Equal(3, logged.Count(e => e is { Category: "Collab.Web.Hubs.HubErrorFilter", Level: LogLevel.Debug, Exception: null }));
    }

    [Fact]
    public async Task A_fault_behind_a_request_logs_an_error_with_its_exception_and_answers_500()
    {
        var member = await _host.SignInAsync();

        var response = await member.Http.GetAsync("/test/fault");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "deliberate HTTP fault" });
    }

    [Fact]
    public async Task A_fault_behind_a_hub_call_logs_an_error_with_its_exception_and_tells_the_caller_nothing_more()
    {
        var member = await _host.SignInAsync();
        await using var hub = await HubClient.ConnectAsync(_host.Address, member.Token);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("Leave", FaultScope));

        Assert.Equal("An unexpected error occurred invoking 'Leave' on the server.", error.Message);
        var fault = Assert.Single(_logs.Entries, e => e.Exception is InvalidOperationException { Message: "deliberate hub fault" });
        Assert.Equal(("Collab.Web.Hubs.HubErrorFilter", LogLevel.Error), (fault.Category, fault.Level));
    }

    private static async Task<string> RefusalKind(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        return System.Text.Json.JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement.GetProperty("kind").GetString()!;
    }

    /// <summary>Records a request or hub call could cause; the silo's own housekeeping on a busy machine is not one.</summary>
    private static bool IsAboutRequests(CapturedLogs.Entry e) =>
        e.Exception is CollabException or HubException or BadHttpRequestException
        || e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        || e.Category.StartsWith("Collab", StringComparison.Ordinal);

    private sealed class FaultFilter : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next) =>
            context.HubMethodArguments is [FaultScope, ..]
                ? throw new InvalidOperationException("deliberate hub fault")
                : next(context);
    }
}
