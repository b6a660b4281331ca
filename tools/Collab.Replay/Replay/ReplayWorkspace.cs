using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Collab.Replay.Replay;

/// <summary>A member the replay edits as: signed in through the server's development token issuer.</summary>
public sealed record ReplayMember(string MemberId, string Token);

/// <summary>
/// What a replay needs on the server: one member per agent, an open circle they all belong to and a project in
/// it, whose document (same id as the project) they edit. Made through the HTTP API, as any client would.
/// </summary>
public sealed record ReplayWorkspace(string CircleId, string DocumentId, IReadOnlyList<ReplayMember> Members)
{
    public static async Task<ReplayWorkspace> CreateAsync(Uri server, int members, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = server };
        var run = Guid.NewGuid().ToString("N")[..8];
        var signedIn = new List<ReplayMember>();
        for (var i = 0; i < members; i++) signedIn.Add(await SignIn(http, $"replay_{run}_{i}", $"Replay agent {i}", cancellationToken));

        var owner = signedIn[0];
        var circleId = (await Send(http, HttpMethod.Post, "/api/circles", owner,
            new { name = $"Trace replay {run}", description = "Editing traces replayed through the hub", visibility = "Open" }, cancellationToken))
            .GetProperty("id").GetString()!;
        var projectId = (await Send(http, HttpMethod.Post, $"/api/circles/{circleId}/projects", owner,
            new { title = $"Trace replay {run}" }, cancellationToken)).GetProperty("id").GetString()!;
        foreach (var member in signedIn.Skip(1)) await Send(http, HttpMethod.Post, $"/api/circles/{circleId}/join", member, new { }, cancellationToken);
        return new ReplayWorkspace(circleId, projectId, signedIn);
    }

    /// <summary>The document as the server has it now, read over HTTP: (revision, text).</summary>
    public async Task<(long Revision, string Text)> ReadDocumentAsync(Uri server, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = server };
        var document = await Send(http, HttpMethod.Get, $"/api/documents/{DocumentId}", Members[0], null, cancellationToken);
        return (document.GetProperty("revision").GetInt64(), document.GetProperty("text").GetString()!);
    }

    private static async Task<ReplayMember> SignIn(HttpClient http, string handle, string displayName, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/auth/dev-token", new { handle, displayName }, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new InvalidOperationException(
                $"{http.BaseAddress} has no development token issuer (POST /auth/dev-token answered 404), so the replay cannot sign in its agents. " +
                "Replay against a single-node server (the default of `dotnet run --project web/Collab.Web`), or without --server.");
        var body = await Read(response, "POST /auth/dev-token", cancellationToken);
        return new ReplayMember(body.GetProperty("member").GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private static async Task<JsonElement> Send(HttpClient http, HttpMethod method, string url, ReplayMember member, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Read(await http.SendAsync(request, cancellationToken), $"{method} {url}", cancellationToken);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
