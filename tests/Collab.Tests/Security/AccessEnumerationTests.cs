using System.Net;
using System.Net.WebSockets;
using System.Reflection;
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
/// Finds every HTTP route and every hub method by itself and calls each with the valid call of
/// <see cref="AccessTable"/>: without a token it must answer 401, from a member without rights exactly 403 (or the
/// hub's Forbidden), and from a member with the rights, success. Because the calls are valid, a refusal can only
/// come from the rights check, and a new route or method without an entry in the table fails here by name.
/// </summary>
[Collection(SecurityWorldCollection.Name)]
public sealed class AccessEnumerationTests(SecurityWorld world)
{
    [Fact]
    public async Task Every_route_but_the_public_ones_answers_401_without_a_token()
    {
        AssertEveryRouteHasAValidCall();
        using var http = world.Host.Anonymous();
        var wrong = new List<string>();

        foreach (var call in AccessTable.Guarded.Concat(AccessTable.OpenToEveryMember).Concat(AccessTable.OperatorsOnly))
        {
            var response = await http.SendAsync(call.Request(world.Private));
            if (response.StatusCode != HttpStatusCode.Unauthorized) wrong.Add($"{call.Route} answered {(int)response.StatusCode} without a token");
        }

        AssertNone(wrong);
    }

    [Fact]
    public async Task Every_guarded_route_answers_403_to_a_member_without_rights_and_changes_nothing()
    {
        AssertEveryRouteHasAValidCall();
        var before = await world.StateFingerprint();
        var wrong = new List<string>();

        foreach (var call in AccessTable.Guarded)
        {
            var response = await world.Attacker.Http.SendAsync(call.Request(world.Private));
            if (response.StatusCode != HttpStatusCode.Forbidden)
                wrong.Add($"{call.Route} answered {(int)response.StatusCode} to a member without rights: {await response.Content.ReadAsStringAsync()}");
        }

        AssertNone(wrong);
        Assert.Equal(before, await world.StateFingerprint());
    }

    /// <summary>The same calls succeed for a member with the rights: they are valid, so nothing but rights refused them above.</summary>
    [Fact]
    public async Task Every_guarded_route_answers_a_member_with_the_rights_with_success()
    {
        var (actor, targets) = await world.RightsHolderAsync();
        var wrong = new List<string>();

        foreach (var call in AccessTable.Guarded.OrderBy(c => c.Last))
        {
            var response = await actor.Http.SendAsync(call.Request(targets));
            if (!response.IsSuccessStatusCode)
                wrong.Add($"{call.Route} answered {(int)response.StatusCode} to a member with the rights: {await response.Content.ReadAsStringAsync()}");
        }

        AssertNone(wrong);
    }

    [Fact]
    public async Task Every_operator_route_answers_403_to_a_member_who_is_no_operator()
    {
        AssertEveryRouteHasAValidCall();
        var wrong = new List<string>();

        foreach (var call in AccessTable.OperatorsOnly)
        {
            var response = await world.Attacker.Http.SendAsync(call.Request(world.Private));
            if (response.StatusCode != HttpStatusCode.Forbidden) wrong.Add($"{call.Route} answered {(int)response.StatusCode} to a member who is no operator");
        }

        AssertNone(wrong);
    }

    [Fact]
    public async Task Routes_open_to_every_member_answer_a_member_without_rights_with_success()
    {
        var wrong = new List<string>();

        foreach (var call in AccessTable.OpenToEveryMember)
        {
            var response = await world.Attacker.Http.SendAsync(call.Request(world.Private));
            if (!response.IsSuccessStatusCode)
                wrong.Add($"{call.Route} ({call.Why}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        AssertNone(wrong);
    }

    [Fact]
    public async Task Public_routes_answer_without_a_token()
    {
        using var http = world.Host.Anonymous();
        var wrong = new List<string>();

        foreach (var call in AccessTable.Anonymous)
        {
            var response = await http.SendAsync(call.Request(world.Private));
            if (!response.IsSuccessStatusCode) wrong.Add($"{call.Route} ({call.Why}) answered {(int)response.StatusCode} without a token");
        }

        AssertNone(wrong);
    }

    [Fact]
    public async Task The_hub_refuses_connections_without_a_token()
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() => HubClient.ConnectAsync(world.Host.Address, ""));

        Assert.Equal("The server returned status code '401' when status code '101' was expected.", error.Message);
        Assert.Null(typeof(CollabHub).GetCustomAttribute<AllowAnonymousAttribute>());
    }

    [Fact]
    public async Task Every_guarded_hub_method_refuses_a_member_without_rights_as_Forbidden_and_changes_nothing()
    {
        AssertEveryHubMethodHasAValidCall();
        await using var client = await HubClient.ConnectAsync(world.Host.Address, world.Attacker.Token);
        var before = await world.StateFingerprint();
        var wrong = new List<string>();

        foreach (var call in AccessTable.GuardedHubMethods)
        {
            var outcome = await Invoke(client, call.Method, call.Arguments(world.Private));
            if (outcome != "Forbidden") wrong.Add($"{call.Method} answered a member without rights with {outcome}");
        }
        foreach (var call in AccessTable.HubMethodsWithoutResource)
        {
            var outcome = await Invoke(client, call.Method, call.Arguments(world.Private));
            if (outcome != Succeeded) wrong.Add($"{call.Method} ({call.Why}) answered {outcome}");
        }

        AssertNone(wrong);
        Assert.Equal(before, await world.StateFingerprint());
    }

    /// <summary>The same calls succeed for a member with the rights: they are valid, so nothing but rights refused them above.</summary>
    [Fact]
    public async Task Every_guarded_hub_method_answers_a_member_with_the_rights()
    {
        var (actor, targets) = await world.RightsHolderAsync();
        await using var client = await HubClient.ConnectAsync(world.Host.Address, actor.Token);
        var wrong = new List<string>();

        foreach (var call in AccessTable.GuardedHubMethods)
        {
            var outcome = await Invoke(client, call.Method, call.Arguments(targets));
            if (outcome != Succeeded) wrong.Add($"{call.Method} answered a member with the rights with {outcome}");
        }

        AssertNone(wrong);
    }

    /// <summary>
    /// The hub refuses a connection that was never let into a scope before any grain is asked; this is the case
    /// where only the grains can refuse: the connection was let in, then its member left the invite-only circle.
    /// </summary>
    [Fact]
    public async Task A_connection_let_in_before_its_member_left_is_refused_by_the_grains_afterwards()
    {
        var (actor, targets) = await world.RightsHolderAsync();
        await using var client = await HubClient.ConnectAsync(world.Host.Address, actor.Token);
        Assert.Equal(Succeeded, await Invoke(client, "OpenDocument", [targets.Project, 0L]));
        Assert.Equal(Succeeded, await Invoke(client, "Join", [$"thread:{targets.Thread}", 0L]));

        (await actor.Http.PostAsync($"/api/circles/{targets.Circle}/leave", null)).EnsureSuccessStatusCode();

        var outcomes = new Dictionary<string, string>();
        foreach (var call in AccessTable.GuardedHubMethods.Where(c => c.Method is "SetCursor" or "SubmitOperation" or "PostComment" or "EditComment" or "React"))
            outcomes[call.Method] = await Invoke(client, call.Method, call.Arguments(targets));
        Assert.All(outcomes, o => Assert.True(o.Value == "Forbidden", $"{o.Key} answered a member who left with {o.Value}"));
        Assert.Equal(5, outcomes.Count);
    }

    private const string Succeeded = "success";

    /// <summary>"success", the hub error's kind, or the whole message of an error without one.</summary>
    private static async Task<string> Invoke(HubClient client, string method, object?[] arguments)
    {
        try
        {
            await client.Connection.InvokeCoreAsync(method, typeof(JsonElement), arguments);
            return Succeeded;
        }
        catch (HubException ex) when (ex.Message.IndexOf('{') is var start and >= 0)
        {
            return JsonDocument.Parse(ex.Message[start..]).RootElement.GetProperty("kind").GetString()!;
        }
        catch (HubException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Every route the host maps (the hub's and the development API reference's aside) has its valid call.</summary>
    private void AssertEveryRouteHasAValidCall()
    {
        var routes = world.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            // The hub has its own sweep; the API reference UI exists only in development and holds no data.
            .Where(r => !r.Contains(" /hubs/", StringComparison.Ordinal) && !r.Contains(" /scalar", StringComparison.Ordinal))
            .ToHashSet();
        var described = AccessTable.Guarded.Concat(AccessTable.OpenToEveryMember).Concat(AccessTable.Anonymous).Concat(AccessTable.OperatorsOnly)
            .Select(c => c.Route).ToHashSet();

        Assert.True(routes.Count > 30, $"only {routes.Count} routes found");
        AssertNone(routes.Except(described).Select(r => $"{r} has no valid call in AccessTable: add one (Guarded, OpenToEveryMember, Anonymous or OperatorsOnly)")
            .Concat(described.Except(routes).Select(r => $"AccessTable describes {r}, which the host does not map")));
    }

    /// <summary>Every public hub method has its valid call, with as many arguments as it takes.</summary>
    private void AssertEveryHubMethodHasAValidCall()
    {
        var methods = typeof(CollabHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync"))
            .ToDictionary(m => m.Name);
        var calls = AccessTable.GuardedHubMethods.Concat(AccessTable.HubMethodsWithoutResource).ToList();

        Assert.True(methods.Count >= 10, $"only {methods.Count} hub methods found");
        AssertNone(methods.Keys.Except(calls.Select(c => c.Method)).Select(m => $"Hub method {m} has no valid call in AccessTable: add one")
            .Concat(calls.Where(c => !methods.ContainsKey(c.Method)).Select(c => $"AccessTable describes hub method {c.Method}, which CollabHub lacks"))
            .Concat(calls.Where(c => methods.TryGetValue(c.Method, out var m) && m.GetParameters().Length != c.Arguments(world.Private).Length)
                .Select(c => $"AccessTable calls hub method {c.Method} with another number of arguments than it takes")));
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }
}
