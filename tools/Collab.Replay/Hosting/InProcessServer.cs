using System.Net;
using System.Net.Sockets;
using Collab.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Collab.Replay.Hosting;

/// <summary>
/// A single-node Collab (web host with its co-hosted silo) inside this process, on a free loopback port, with its
/// own SQLite file in a temporary folder that is deleted afterwards: the server a replay runs against when none
/// is given. The clients still reach it through real sockets, exactly as they would reach a remote one.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _folder;

    private InProcessServer(WebApplication app, DirectoryInfo folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public string DataFolder => _folder.FullName;

    public static async Task<InProcessServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("collab-replay-");
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Sqlite",
            ["Collab:Storage:SqlitePath"] = Path.Combine(folder.FullName, "collab.db"),
            ["Collab:Auth:DevKeyPath"] = Path.Combine(folder.FullName, "dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"replay-{Guid.NewGuid():N}",
            ["Collab:Cluster:SiloPort"] = FreePort().ToString(),
            ["Collab:Cluster:GatewayPort"] = FreePort().ToString(),
            ["Collab:Demo:Seed"] = "false",
            // A replay types far faster than any person: lift the per-connection command rate for this private server.
            ["Collab:Connections:CommandsPerSecond"] = "1000000",
            ["Collab:Connections:CommandBurst"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Collab.Auth"] = "Error",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
        };
        try
        {
            var (app, address) = await CollabWebApp.StartOnLoopbackAsync(settings, cancellationToken: cancellationToken);
            return new InProcessServer(app, folder, address);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
