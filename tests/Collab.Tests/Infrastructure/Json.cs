using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Collab.Tests.Infrastructure;

/// <summary>Reads API responses as plain JSON, the way any client of the HTTP API would.</summary>
public static class Json
{
    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("Empty body.");

    public static async Task<JsonNode> GetJson(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Body();
    }

    /// <summary>Sends a command whose answer has no body of interest (204, say); fails unless it succeeded.</summary>
    public static async Task Send(this HttpClient http, HttpMethod method, string url, object body)
    {
        var response = await http.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonNode> PostJson(this HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }
}
