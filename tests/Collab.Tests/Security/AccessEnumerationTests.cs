using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Collab.Web.Hubs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Tests.Security;

/// <summary>
/// Finds every HTTP endpoint and every hub method by itself and attacks each, so a new one without an
/// authorization check fails here without anyone remembering to write its test.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class AccessEnumerationTests(SecurityWorld world)
{
    /// <summary>Endpoints any signed-in member may use on purpose, with the reason; everything else must refuse a stranger.</summary>
    private static readonly Dictionary<string, string> OpenToEveryMember = new()
    {
        ["GET /api/circles/"] = "the circle list shows names of all circles, invite-only ones included",
        ["POST /api/circles/"] = "anyone may found a circle",
        ["GET /api/members/me"] = "one's own profile",
        ["PATCH /api/members/me"] = "one's own profile",
        ["GET /api/members/me/inbox"] = "one's own inbox",
        ["POST /api/members/me/inbox/read"] = "one's own inbox",
        ["GET /api/members/{memberId}"] = "public profiles (handle, name)",
        ["GET /api/members/by-handle/{handle}"] = "public profiles (handle, name)",
    };

    /// <summary>Anonymous on purpose: the workspace's public surface.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health/live", "GET /health/ready", "GET /openapi/{documentName}.json", "POST /auth/dev-token",
    ];

    /// <summary>Hub methods that touch only the caller's own connection.</summary>
    private static readonly Dictionary<string, string> HubMethodsWithoutResource = new()
    {
        ["Leave"] = "removes the caller's own connection from a group; nothing to protect",
    };

    private List<(string Method, string Route)> Endpoints() =>
        world.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            // The hub has its own tests below; the API reference UI exists only in development and holds no data.
            .Where(e => !e.Item2.StartsWith("/hubs/", StringComparison.Ordinal) && !e.Item2.StartsWith("/scalar", StringComparison.Ordinal))
            .Distinct().ToList();

    [Fact]
    public async Task Every_endpoint_refuses_a_request_without_a_token_unless_it_is_public_on_purpose()
    {
        using var http = world.Host.Anonymous();
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");

        foreach (var (method, route) in endpoints.Where(e => !Anonymous.Contains($"{e.Method} {e.Route}")))
        {
            var response = await http.SendAsync(Request(method, route));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} answered {(int)response.StatusCode} without a token");
        }
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_member_without_rights_on_the_resource()
    {
        var endpoints = Endpoints().Where(e => !Anonymous.Contains($"{e.Method} {e.Route}") && !OpenToEveryMember.ContainsKey($"{e.Method} {e.Route}"));
        var before = await world.StateFingerprint();

        foreach (var (method, route) in endpoints)
        {
            var response = await world.Attacker.Http.SendAsync(Request(method, route));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{method} {route} answered {(int)response.StatusCode} to a member without rights: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(before, await world.StateFingerprint());
    }

    [Fact]
    public async Task The_hub_refuses_connections_without_a_token()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(world.Host.Address, ""));

        Assert.Contains("401", error.ToString());
        Assert.Null(typeof(CollabHub).GetCustomAttribute<AllowAnonymousAttribute>());
    }

    [Fact]
    public async Task Every_hub_method_refuses_a_member_without_rights_on_the_resource()
    {
        var methods = typeof(CollabHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync") && !HubMethodsWithoutResource.ContainsKey(m.Name))
            .ToList();
        Assert.True(methods.Count >= 6, $"only {methods.Count} hub methods found");
        await using var client = await HubClient.ConnectAsync(world.Host.Address, world.Attacker.Token);
        var before = await world.StateFingerprint();

        foreach (var method in methods)
        {
            var args = method.GetParameters().Select(HubArgument).ToArray();
            var error = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeCoreAsync(method.Name, typeof(object), args));
            var kind = JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement.GetProperty("kind").GetString();
            Assert.True(kind is "Forbidden" or "NotFound" or "Invalid", $"{method.Name} failed with {kind}: {error.Message}");
        }
        Assert.Equal(before, await world.StateFingerprint());
    }

    /// <summary>An argument pointing at the owner's private resources; a parameter nobody described fails the test.</summary>
    private object? HubArgument(ParameterInfo p) => p.Name switch
    {
        "threadId" => world.PrivateThread,
        "documentId" or "projectId" => world.PrivateProject,
        "circleId" => world.PrivateCircle,
        "scope" => $"thread:{world.PrivateThread}",
        "commentId" => 1L,
        "text" => "intrusion",
        "emoji" => "👍",
        "commandId" or "clientOpId" => Guid.NewGuid().ToString(),
        "lastSeq" or "knownRevision" or "baseRevision" or "revision" or "anchor" or "focus" => 0L,
        "parentId" => null,
        "activity" => "Typing",
        "op" => JsonDocument.Parse("[\"intrusion\"]").RootElement,
        _ => throw new InvalidOperationException($"Describe an attacking value for hub parameter '{p.Name}' of {p.Member.Name}."),
    };

    private HttpRequestMessage Request(string method, string route)
    {
        var path = route
            .Replace("{circleId}", world.PrivateCircle).Replace("{threadId}", world.PrivateThread)
            .Replace("{projectId}", world.PrivateProject).Replace("{documentId}", world.PrivateProject).Replace("{id}", world.PrivateProject)
            .Replace("{memberId}", world.Owner.MemberId).Replace("{commentId:long}", "1").Replace("{emoji}", "%F0%9F%91%8D")
            .Replace("{handle}", world.OwnerHandle).Replace("{documentName}", "v1");
        Assert.DoesNotContain("{", path);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            // One body with every field any endpoint reads, all plausible, so only authorization can refuse.
            var body = JsonSerializer.Serialize(new
            {
                name = "n", title = "t", text = "x", memberId = world.Attacker.MemberId, role = "Owner", locked = true,
                handle = "mallory", displayName = "M", revision = 0, clientOpId = "c", summary = "s",
            });
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return request;
    }
}
