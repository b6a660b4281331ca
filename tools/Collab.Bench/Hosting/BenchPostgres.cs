using System.Diagnostics;
using Npgsql;

namespace Collab.Bench.Hosting;

/// <summary>
/// A throw-away PostgreSQL server for the benchmark, started as the tests start theirs (initdb and pg_ctl from
/// /usr/lib/postgresql/&lt;version&gt;/bin or COLLAB_PG_BIN, as the postgres user when run as root), but with the
/// server's durable defaults (fsync, synchronous commit): a figure for PostgreSQL mode is a figure for a real one.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres = Environment.UserName == "root";

    private BenchPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server, or null (with the reason printed) when no PostgreSQL binaries are installed.</summary>
    public static async Task<BenchPostgres?> StartAsync(Action<string> say)
    {
        var bin = FindBin();
        if (bin is null)
        {
            say("  PostgreSQL skipped: no initdb/pg_ctl in COLLAB_PG_BIN or /usr/lib/postgresql/<version>/bin");
            return null;
        }
        var root = Directory.CreateTempSubdirectory("collab-bench-pg-").FullName;
        var server = new BenchPostgres(bin, root, BenchServer.FreePort());
        if (server._asPostgres) await Run("chown", ["postgres:", root], asPostgres: false);
        await server.Tool("initdb", ["-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.Tool("pg_ctl", ["-D", server.Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k \"{root}\" -c listen_addresses=127.0.0.1 -c max_connections=300", "start"]);
        return server;
    }

    private string Data => Path.Combine(_root, "data");

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 100 }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await Tool("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string? FindBin()
    {
        var configured = Environment.GetEnvironmentVariable("COLLAB_PG_BIN");
        var candidates = !string.IsNullOrWhiteSpace(configured) ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private Task Tool(string tool, IReadOnlyList<string> arguments) => Run(Path.Combine(_bin, tool), arguments, _asPostgres);

    private static async Task Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres) foreach (var a in (string[])["-u", "postgres", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }
}
