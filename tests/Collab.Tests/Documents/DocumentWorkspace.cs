using System.Text.Json;
using System.Threading.Channels;
using Collab.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Documents;

/// <summary>
/// A circle with a project (whose document the tests edit), its owner and a second member, on a running host.
/// </summary>
public sealed record DocumentWorkspace(CollabWebHost Host, CollabWebHost.SignedIn Owner, CollabWebHost.SignedIn Member, string CircleId, string DocumentId)
{
    public static async Task<DocumentWorkspace> CreateAsync(CollabWebHost host, string visibility = "Open")
    {
        var owner = await host.SignInAsync(displayName: "Ana");
        var member = await host.SignInAsync(displayName: "Ben");
        var circleId = (await owner.Http.PostJson("/api/circles", new { name = "Writers", visibility }))["id"]!.GetValue<string>();
        var projectId = (await owner.Http.PostJson($"/api/circles/{circleId}/projects", new { title = "Shared notes" }))["id"]!.GetValue<string>();
        if (visibility == "Open") await member.Http.PostJson($"/api/circles/{circleId}/join", new { });
        return new DocumentWorkspace(host, owner, member, circleId, projectId);
    }

    /// <summary>The same circle, document and members on another host (the same storage after a restart).</summary>
    public DocumentWorkspace On(CollabWebHost host)
    {
        CollabWebHost.SignedIn Rebind(CollabWebHost.SignedIn who)
        {
            var http = host.Anonymous();
            http.DefaultRequestHeaders.Authorization = new("Bearer", who.Token);
            return who with { Http = http };
        }
        return this with { Host = host, Owner = Rebind(Owner), Member = Rebind(Member) };
    }

    /// <summary>A hub connection of <paramref name="who"/> with the document open; records pushed cursors too.</summary>
    public async Task<DocumentClient> Open(CollabWebHost.SignedIn who, long knownRevision = 0)
    {
        var hub = await HubClient.ConnectAsync(Host.Address, who.Token);
        var client = new DocumentClient(hub, DocumentId);
        hub.Connection.On<JsonElement>("Cursor", c => client.Cursors.Writer.TryWrite(c));
        client.Opened = await client.OpenAgain(knownRevision);
        return client;
    }

    /// <summary>The document as the server has it, read over HTTP by the owner.</summary>
    public async Task<(long Revision, string Text)> ServerDocument()
    {
        var document = await Owner.Http.GetJson($"/api/documents/{DocumentId}");
        return (document["revision"]!.GetValue<long>(), document["text"]!.GetValue<string>());
    }
}

/// <summary>A test's view of one editor connection: raw hub calls, so each test shows the protocol it relies on.</summary>
public sealed class DocumentClient(HubClient hub, string documentId) : IAsyncDisposable
{
    public HubClient Hub { get; } = hub;
    public string Scope { get; } = $"document:{documentId}";
    public JsonElement Opened { get; set; }
    public Channel<JsonElement> Cursors { get; } = Channel.CreateUnbounded<JsonElement>();

    public Task<JsonElement> OpenAgain(long knownRevision) =>
        Hub.Connection.InvokeAsync<JsonElement>("OpenDocument", documentId, knownRevision);

    public Task<JsonElement> Submit(long baseRevision, string op, string? clientOpId = null) =>
        Hub.Connection.InvokeAsync<JsonElement>("SubmitOperation", documentId, baseRevision, JsonDocument.Parse(op).RootElement, clientOpId ?? Guid.NewGuid().ToString());

    public Task<JsonElement> SetCursor(long revision, int anchor, int focus) =>
        Hub.Connection.InvokeAsync<JsonElement>("SetCursor", documentId, revision, anchor, focus);

    public Task<JsonElement> NextOp() => Hub.NextEvent(Scope);

    public async Task<JsonElement> NextCursor()
    {
        using var timeout = new CancellationTokenSource(HubClient.Patience);
        return await Cursors.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
