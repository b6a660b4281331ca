using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using Collab.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Bench.Hosting;

/// <summary>
/// A single-node Collab (web host and co-hosted silo, SQLite in a temporary folder) in this process on a free
/// loopback port, with the per-connection and per-member rate limits lifted: the benchmark sends in bursts.
/// Given a PostgreSQL connection string, the same node keeps its state there instead (PostgreSQL mode: Orleans
/// ADO.NET clustering, grain storage and Collab's event log, migrated on start).
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _folder;

    private BenchServer(WebApplication app, DirectoryInfo folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();
    public string DataFolder => _folder.FullName;

    /// <summary>
    /// Between two scenarios of one run: deactivates the grains the last one left idle and compacts the heap, so a
    /// scenario is not measured in the shadow of the one before (after `connections`, 19,000 members' activations and
    /// the heap they held; a fan-out measured right after them stalled once for half a second).
    /// </summary>
    public async Task SettleAsync()
    {
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public static async Task<BenchServer> StartAsync(string? postgresConnectionString = null)
    {
        var folder = Directory.CreateTempSubdirectory("collab-bench-");
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = postgresConnectionString is null ? "Sqlite" : "Postgres",
            ["Collab:Storage:SqlitePath"] = Path.Combine(folder.FullName, "collab.db"),
            ["Collab:Storage:PostgresConnectionString"] = postgresConnectionString,
            ["Collab:Auth:DevKeyPath"] = Path.Combine(folder.FullName, "dev-signing.key"),
            ["Collab:Cluster:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Collab:Cluster:SiloPort"] = FreePort().ToString(),
            ["Collab:Cluster:GatewayPort"] = FreePort().ToString(),
            ["Collab:Demo:Seed"] = "false",
            ["Collab:Connections:CommandsPerSecond"] = "1000000",
            ["Collab:Connections:CommandBurst"] = "1000000",
            ["Collab:Connections:HttpWritesPerSecond"] = "1000000",
            ["Collab:Connections:HttpWriteBurst"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Collab.Auth"] = "Error",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
        };
        try
        {
            var (app, address) = await CollabWebApp.StartOnLoopbackAsync(settings);
            return new BenchServer(app, folder, address);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Signs a new member in through the development issuer.</summary>
    public async Task<Member> SignInAsync(string name)
    {
        // Handles are 2 to 30 characters of a-z, 0-9 or '_'.
        var handle = name.Replace('-', '_');
        var response = await Http.PostAsJsonAsync("/auth/dev-token", new { handle, displayName = handle });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Member(body.GetProperty("member").GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    public async Task<JsonElement> PostAsync(Member member, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", member.Token);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A WebSocket hub connection of <paramref name="member"/>, not yet started.</summary>
    public HubConnection Connection(Member member) => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, "/hubs/collab"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(member.Token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
        .Build();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record Member(string Id, string Token);
}
