using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Collab.Tests.Security;

/// <summary>Each limit refuses the one offending call with a clear error and leaves everyone else alone.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly CapturedLogs _logs = new();
    private CollabWebHost _host = null!;

    public async Task InitializeAsync() => _host = await CollabWebHost.StartAsync(new Dictionary<string, string?>
    {
        ["Collab:Storage:SqlitePath"] = _folder.File("collab.db"),
        ["Collab:Auth:DevKeyPath"] = _folder.File("key"),
        ["Collab:Connections:CommandsPerSecond"] = "1",
        ["Collab:Connections:CommandBurst"] = "5",
        ["Collab:Connections:HttpWritesPerSecond"] = "1",
        ["Collab:Connections:HttpWriteBurst"] = "8",
        ["Collab:Connections:MaxJoinedScopesPerConnection"] = "3",
        ["Collab:Connections:MaxConnectionsPerMember"] = "2",
        ["Collab:Connections:MaxHubMessageBytes"] = "4096",
        ["Collab:Cors:AllowedOrigins:0"] = "https://partner.example",
        ["Logging:LogLevel:Collab.Web.Hubs.HubLimitsFilter"] = "Information",
    }, builder => builder.Logging.AddProvider(_logs));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(CollabWebHost.SignedIn Member, string CircleId, string ThreadId)> Thread()
    {
        var member = await _host.SignInAsync();
        var circleId = (await member.Http.PostJson("/api/circles", new { name = "Limits" }))["id"]!.GetValue<string>();
        var threadId = (await member.Http.PostJson($"/api/circles/{circleId}/threads", new { title = "T" }))["id"]!.GetValue<string>();
        return (member, circleId, threadId);
    }

    private static string Kind(HubException error) =>
        JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement.GetProperty("kind").GetString()!;

    [Fact]
    public async Task A_connection_sending_commands_too_fast_is_refused_while_another_goes_on()
    {
        var (member, circleId, threadId) = await Thread();
        var other = await _host.SignInAsync();
        await other.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await using var flooder = await HubClient.ConnectAsync(_host.Address, member.Token);
        await using var calm = await HubClient.ConnectAsync(_host.Address, other.Token);

        var refusals = new List<HubException>();
        for (var i = 0; i < 10; i++)
        {
            try { await flooder.Post(threadId, $"flood {i}"); }
            catch (HubException ex) { refusals.Add(ex); }
        }

        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Equal("LimitExceeded", Kind(r)));
        Assert.Equal("calm", (await calm.Post(threadId, "calm")).GetProperty("text").GetString());
        Assert.Equal(HubConnectionState.Connected, flooder.Connection.State);
    }

    [Fact]
    public async Task Http_writes_beyond_the_rate_get_429_for_that_member_only()
    {
        var (member, circleId, threadId) = await Thread();
        var other = await _host.SignInAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await member.Http.PostAsJsonAsync($"/api/threads/{threadId}/comments", new { text = $"c{i}" })).StatusCode);
        var otherWrite = await other.Http.PostAsJsonAsync($"/api/circles/{circleId}/join", new { });

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, otherWrite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync($"/api/threads/{threadId}/comments")).StatusCode);
    }

    [Fact]
    public async Task Joining_more_scopes_than_allowed_is_refused()
    {
        var (member, circleId, threadId) = await Thread();
        await using var client = await HubClient.ConnectAsync(_host.Address, member.Token);
        // The member's own inbox scope is the first of the three.
        await client.Join($"circle:{circleId}", 0);
        await client.Join($"thread:{threadId}", 0);

        var error = await Assert.ThrowsAsync<HubException>(() => client.Join($"member:{member.MemberId}x", 0));

        Assert.Equal("LimitExceeded", Kind(error));
        Assert.True((await client.Join($"thread:{threadId}", 0)).GetProperty("reset").GetBoolean());
    }

    [Fact]
    public async Task A_member_cannot_open_more_connections_than_allowed_and_others_can()
    {
        var (member, _, _) = await Thread();
        var other = await _host.SignInAsync();
        await using var first = await HubClient.ConnectAsync(_host.Address, member.Token);
        await using var second = await HubClient.ConnectAsync(_host.Address, member.Token);
        var before = _logs.Entries.Count;

        // The handshake completes before the hub sees the connection; the hub then says why and closes it.
        await using var third = await HubClient.ConnectAsync(_host.Address, member.Token);
        var refusal = await third.Refused.WaitAsync(HubClient.Patience);
        var closedWith = await third.Closed.WaitAsync(HubClient.Patience);
        await using var others = await HubClient.ConnectAsync(_host.Address, other.Token);

        Assert.Equal("LimitExceeded", refusal.GetProperty("kind").GetString());
        Assert.Equal("Too many open connections for this member (at most 2); close some tabs.", refusal.GetProperty("detail").GetString());
        Assert.Null(closedWith);
        // A member's extra tab is their mistake, not a fault: noted below warning, so a green log stays green.
        var logged = _logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logged, e => e is { Category: "Collab.Web.Hubs.HubLimitsFilter", Level: LogLevel.Information });
        Assert.Equal(HubConnectionState.Connected, first.Connection.State);
        Assert.True((await second.Join($"member:{member.MemberId}", 0)).GetProperty("reset").GetBoolean());
        Assert.True((await others.Join($"member:{other.MemberId}", 0)).GetProperty("reset").GetBoolean());
    }

    [Fact]
    public async Task An_oversized_hub_message_closes_only_the_senders_connection()
    {
        var (member, circleId, threadId) = await Thread();
        var other = await _host.SignInAsync();
        await other.Http.PostJson($"/api/circles/{circleId}/join", new { });
        await using var sender = await HubClient.ConnectAsync(_host.Address, member.Token);
        await using var bystander = await HubClient.ConnectAsync(_host.Address, other.Token);

        // Past the size limit the server cannot read the message at all: it closes the connection, and says
        // no more than that (the reason is not a HubException, so it is not shown to clients).
        var failed = await Assert.ThrowsAsync<HubException>(() => sender.Post(threadId, new string('x', 8000)));

        var closed = await sender.Closed.WaitAsync(HubClient.Patience);
        const string closedByServer = "The server closed the connection with the following error: Connection closed with an error.";
        Assert.Equal(closedByServer, failed.Message);
        Assert.Equal(closedByServer, Assert.IsType<HubException>(closed).Message);
        Assert.Equal("still here", (await bystander.Post(threadId, "still here")).GetProperty("text").GetString());
        Assert.DoesNotContain((await member.Http.GetJson($"/api/threads/{threadId}/comments"))["items"]!.AsArray(),
            c => c!["text"]!.GetValue<string>().StartsWith("xxx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_script_and_cors_follows_the_allow_list()
    {
        using var http = _host.Anonymous();
        using var fromPartner = new HttpRequestMessage(HttpMethod.Options, "/api/circles");
        fromPartner.Headers.Add("Origin", "https://partner.example");
        fromPartner.Headers.Add("Access-Control-Request-Method", "GET");
        using var fromStranger = new HttpRequestMessage(HttpMethod.Options, "/api/circles");
        fromStranger.Headers.Add("Origin", "https://evil.example");
        fromStranger.Headers.Add("Access-Control-Request-Method", "GET");

        var page = await http.GetAsync("/health/live");
        var partner = await http.SendAsync(fromPartner);
        var stranger = await http.SendAsync(fromStranger);

        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc.Trim());
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("https://partner.example", partner.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
