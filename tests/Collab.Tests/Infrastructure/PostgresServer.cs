using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server for one test collection: a fresh cluster in a temporary folder, listening
/// on a free loopback port, stopped and deleted when the collection ends. Each test takes its own database
/// from <see cref="CreateDatabaseAsync"/>, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// Needs the PostgreSQL server binaries (Debian: <c>apt-get install postgresql</c>), found in
/// <c>COLLAB_PG_BIN</c> or <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>. PostgreSQL refuses to run as root, so
/// when the tests run as root the server runs as the <c>postgres</c> user through <c>runuser</c>.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string BinFolderVariable = "COLLAB_PG_BIN";

    private const string SuperUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly bool _runAsPostgresUser = Environment.UserName == "root";
    private string? _binFolder;
    private string? _rootFolder;
    private string? _dataFolder;
    private bool _started;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _binFolder = FindBinFolder();
        _rootFolder = Directory.CreateTempSubdirectory("collab-pg-").FullName;
        _dataFolder = Path.Combine(_rootFolder, "data");
        if (_runAsPostgresUser)
        {
            // initdb refuses to create a cluster it cannot own, and root owns the new temporary folder.
            await RunAsync("chown", [$"{SuperUser}:", _rootFolder], asPostgresUser: false);
        }

        // No fsync: the cluster is thrown away after the run, and syncing would only make the tests slower.
        await RunToolAsync("initdb",
            ["-D", _dataFolder, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);

        // The free port is found by binding and releasing it, so another process can take it in between;
        // the remedy is to start again on another port.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreeLoopbackPort();
            try
            {
                await StartOnPortAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Retried on a new port; the last attempt's failure propagates with pg_ctl's output.
            }
        }
    }

    /// <summary>Stops the server as an operator's restart does (fast shutdown: sessions are cut); <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        await RunToolAsync("pg_ctl", ["-D", _dataFolder!, "-m", "fast", "-w", "stop"]);
        _started = false;
    }

    /// <summary>Starts the stopped server again on the same port, with everything it had stored.</summary>
    public Task StartAgainAsync() => StartOnPortAsync();

    private async Task StartOnPortAsync()
    {
        // pg_ctl hands -o to a shell, hence the quotes around the socket folder. The server's own output goes to
        // the log file: were it left on pg_ctl's stdout, the server would hold the pipe open and reading it to
        // the end would never finish.
        await RunToolAsync("pg_ctl", ["-D", _dataFolder!, "-l", Path.Combine(_rootFolder!, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k \"{_rootFolder}\" -c listen_addresses=127.0.0.1 -c max_connections=300 " +
                  "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start"]);
        _started = true;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (!_started)
        {
            throw new InvalidOperationException("The PostgreSQL test server is not running.");
        }

        var database = $"collab_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(database, pooling: true);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_started)
            {
                // Pooled connections would otherwise linger until the process exits.
                NpgsqlConnection.ClearAllPools();
                await RunToolAsync("pg_ctl", ["-D", _dataFolder!, "-m", "fast", "-w", "stop"]);
                _started = false;
            }
        }
        finally
        {
            if (_rootFolder is not null && Directory.Exists(_rootFolder))
            {
                Directory.Delete(_rootFolder, recursive: true);
            }
        }
    }

    private string ConnectionString(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = pooling,
    }.ConnectionString;

    private static string FindBinFolder()
    {
        var configured = Environment.GetEnvironmentVariable(BinFolderVariable);
        var candidates = !string.IsNullOrWhiteSpace(configured)
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0)
                    .Select(folder => Path.Combine(folder, "bin"))
                    .ToArray()
                : Array.Empty<string>();

        return candidates.FirstOrDefault(folder =>
                File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL server binaries (initdb, pg_ctl) were not found in " +
                $"{(string.IsNullOrWhiteSpace(configured) ? "/usr/lib/postgresql/<version>/bin" : configured)}. " +
                "Run the tests with the test command from the README, which installs the postgresql package, " +
                $"or point {BinFolderVariable} at the folder that holds initdb and pg_ctl.");
    }

    private static int FindFreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(_binFolder!, tool), arguments, _runAsPostgresUser);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var argument in (string[])["-u", SuperUser, "--", fileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} did not finish within {ToolTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with code {process.ExitCode}:{Environment.NewLine}" +
                $"{await standardOutput}{await standardError}");
        }
    }
}
