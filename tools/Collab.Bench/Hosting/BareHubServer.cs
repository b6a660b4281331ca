using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collab.Bench.Hosting;

/// <summary>
/// The baseline: a bare SignalR hub in this process, no Orleans, no storage, no authentication. A client joins
/// a group; a writer asks the hub to broadcast an event shaped like Collab's to that group.
/// </summary>
public sealed class BareHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareHubServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BroadcastHub>("/hubs/bare");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareHubServer(app, new Uri(address));
    }

    public HubConnection Connection() => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, "/hubs/bare"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class BroadcastHub : Hub
    {
        private static long _seq;

        public Task JoinGroup(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

        /// <summary>What Collab's SubmitOperation does on the wire, without OT, Orleans or storage: the operation
        /// goes to everyone in the group (the sender included, as Collab's push does) and the sender gets an ack.</summary>
        public async Task<long> Relay(string group, JsonElement op)
        {
            var seq = Interlocked.Increment(ref _seq);
            await Clients.Group(group).SendAsync("Event", new { scope = group, seq, kind = "document.op", payload = new { op } });
            return seq;
        }

        public Task Broadcast(string group, string text) => Clients.Group(group).SendAsync("Event", new
        {
            scope = group,
            seq = Interlocked.Increment(ref _seq),
            kind = "comment.posted",
            at = DateTimeOffset.UtcNow,
            payload = new { id = _seq, authorId = Context.ConnectionId, text },
        });
    }
}
