using System.Text.Json;
using Collab.Bench.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Where a crowd gathers on Collab: an open circle with one thread, and its owner connected and joined to the
/// thread as the writer, who posts comments into it.
/// </summary>
public sealed record CollabStage(HubConnection Writer, string CircleId, string ThreadId, string Name)
{
    public string ThreadScope => $"thread:{ThreadId}";
    public string CircleScope => $"circle:{CircleId}";

    public static async Task<CollabStage> OpenAsync(BenchServer server, string name)
    {
        var owner = await server.SignInAsync($"{name}-owner");
        var circleId = (await server.PostAsync(owner, "/api/circles", new { name = $"Bench {name}" })).GetProperty("id").GetString()!;
        var threadId = (await server.PostAsync(owner, $"/api/circles/{circleId}/threads", new { title = "Live" })).GetProperty("id").GetString()!;
        var writer = server.Connection(owner);
        await writer.StartAsync();
        var stage = new CollabStage(writer, circleId, threadId, name);
        await writer.InvokeAsync<JsonElement>("Join", stage.ThreadScope, 0L);
        return stage;
    }

    /// <summary>Posts comment <paramref name="i"/> with <paramref name="text"/> into the thread (a command id each).</summary>
    public Task Send(int i, string text) => Writer.InvokeAsync<JsonElement>("PostComment", ThreadId, text, null, $"c-{Name}-{i}");
}
