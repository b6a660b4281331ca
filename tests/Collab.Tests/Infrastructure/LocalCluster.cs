namespace Collab.Tests.Infrastructure;

/// <summary>
/// The deployed shape, as <c>deploy/local-cluster.sh</c> runs it: two silo processes and two web nodes in client mode
/// over one PostgreSQL database, every process on free loopback ports under a cluster id of its own, so a test can
/// kill any of them the hard way while the others go on.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly List<ExternalHost> _silos;
    private readonly List<ExternalHost> _webNodes;

    private LocalCluster(TempFolder folder, string connectionString, List<ExternalHost> silos, List<ExternalHost> webNodes)
    {
        _folder = folder;
        ConnectionString = connectionString;
        _silos = silos;
        _webNodes = webNodes;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<ExternalHost> Silos => _silos;

    public IReadOnlyList<ExternalHost> WebNodes => _webNodes;

    /// <summary>Starts both silos, waits until both have joined, then starts both web nodes (which share one signing key).</summary>
    public static async Task<LocalCluster> StartAsync(PostgresServer server, string name,
        IDictionary<string, string?>? extraSettings = null)
    {
        var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Collab:Storage:Mode"] = "Postgres",
            ["Collab:Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
            ["Collab:Cluster:ClusterId"] = $"{name}-{Guid.NewGuid():N}",
            ["Collab:Auth:DevIssuer"] = "true",
            ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;
        var cluster = new LocalCluster(folder, settings["Collab:Storage:PostgresConnectionString"]!, [], []);
        try
        {
            // The first silo applies the migration; the second starts once it is done, as the script's order has it.
            cluster._silos.Add(await ExternalHost.StartSiloAsync(settings));
            await cluster.RequireReady(cluster._silos[0], "silo 0");
            cluster._silos.Add(await ExternalHost.StartSiloAsync(settings));
            await cluster.RequireReady(cluster._silos[1], "silo 1");
            var client = new Dictionary<string, string?>(settings) { ["Collab:Web:CoHostSilo"] = "false" };
            // One after the other: the first creates the development signing key the second then reads.
            cluster._webNodes.Add(await ExternalHost.StartWebNodeAsync(client));
            cluster._webNodes.Add(await ExternalHost.StartWebNodeAsync(client));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of every process, for a failure message.</summary>
    public string OutputTails() => string.Join(Environment.NewLine,
        _silos.Select((s, i) => $"--- silo {i}:{Environment.NewLine}{s.OutputTail}")
            .Concat(_webNodes.Select((w, i) => $"--- web node {i}:{Environment.NewLine}{w.OutputTail}")));

    private async Task RequireReady(ExternalHost host, string what)
    {
        if (!await host.ReadyAsync()) throw new InvalidOperationException($"The {what} did not become ready:{Environment.NewLine}{host.OutputTail}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _webNodes.Concat(_silos)) await host.DisposeAsync();
        _folder.Dispose();
    }
}
