using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Security;

[Collection(SecurityWorldCollection.Name)]
public sealed class BadInputCorpusTests(SecurityWorld world)
{
    public static TheoryData<string> CaseNames => new(BadInputCorpus.Cases.Select(c => c.Name));

    [Fact]
    public void The_corpus_has_at_least_50_cases_with_distinct_names()
    {
        Assert.True(BadInputCorpus.Cases.Length >= 50, $"{BadInputCorpus.Cases.Length} cases");
        Assert.Equal(BadInputCorpus.Cases.Length, BadInputCorpus.Cases.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_with_a_clear_error_and_changes_nothing(string name)
    {
        var badCase = BadInputCorpus.Cases.Single(c => c.Name == name);
        var before = await world.StateFingerprint();

        if (badCase.Channel == "http") await AssertHttpRefusal(badCase);
        else await AssertHubRefusal(badCase);

        Assert.Equal(before, await world.StateFingerprint());
    }

    private async Task AssertHttpRefusal(BadInputCase badCase)
    {
        using var http = world.ClientWith(TokenFor(badCase.As));
        using var request = new HttpRequestMessage(new HttpMethod(badCase.Method), Fill(badCase.Target));
        if (badCase.Body is not null)
        {
            var isJson = badCase.Body.Length == 0 || badCase.Body[0] is '{' or '[';
            request.Content = new StringContent(Fill(badCase.Body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(isJson ? "application/json" : "text/plain");
        }

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(badCase.Expect == ((int)response.StatusCode).ToString(), $"expected {badCase.Expect}, got {(int)response.StatusCode}: {body}");
        if (response.StatusCode is not System.Net.HttpStatusCode.Unauthorized and not System.Net.HttpStatusCode.UnsupportedMediaType)
        {
            // A clear error: problem details with a human-readable explanation.
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Length > 0 || problem.TryGetProperty("title", out _), body);
        }
    }

    private async Task AssertHubRefusal(BadInputCase badCase)
    {
        await using var client = await HubClient.ConnectAsync(world.Host.Address, TokenFor(badCase.As)!);
        var args = JsonDocument.Parse(Fill(badCase.Body!)).RootElement.EnumerateArray().Select(Argument).ToArray();

        var error = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeCoreAsync(badCase.Method, typeof(object), args));

        var json = JsonDocument.Parse(error.Message[error.Message.IndexOf('{')..]).RootElement;
        Assert.Equal(badCase.Expect, json.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
    }

    private static object? Argument(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetInt64(),
        JsonValueKind.Null => null,
        _ => e.Clone(),
    };

    private string? TokenFor(string who) => who switch
    {
        "attacker" => world.Attacker.Token,
        "owner" => world.Owner.Token,
        "none" => null,
        "expired" => world.Token(world.Owner.MemberId, expires: DateTime.UtcNow.AddMinutes(-5)),
        "wrong-signature" => world.Token(world.Owner.MemberId, key: new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32])),
        "wrong-audience" => world.Token(world.Owner.MemberId, audience: "someone-else"),
        "unsigned" => world.UnsignedToken(),
        _ => throw new ArgumentException($"Unknown sender '{who}'."),
    };

    private string Fill(string text) => text
        .Replace("{privateThread}", world.PrivateThread).Replace("{privateProject}", world.PrivateProject).Replace("{openProject}", world.OpenProject)
        .Replace("{private}", world.PrivateCircle).Replace("{openThread}", world.OpenThread).Replace("{open}", world.OpenCircle)
        .Replace("{ownerComment}", world.OwnerComment.ToString()).Replace("{ownerHandle}", world.OwnerHandle)
        .Replace("{ownerId}", world.Owner.MemberId).Replace("{attackerId}", world.Attacker.MemberId);
}
