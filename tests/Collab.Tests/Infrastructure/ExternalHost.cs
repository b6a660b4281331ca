using System.Collections.Concurrent;
using System.Diagnostics;
using Collab.Tests.Ot;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A Collab host as built (a silo, or a web node with its own silo) in its own process on free loopback ports, as
/// an operator runs it, so a test can read its health endpoints and kill it the hard way (no shutdown, no goodbye to
/// the cluster), as a crashed machine would.
/// </summary>
public sealed class ExternalHost : IAsyncDisposable
{
    private const int OutputLinesKept = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ExternalHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the host serves HTTP (the web node's API, or the silo's health endpoints).</summary>
    public Uri Address { get; }

    /// <summary>The last lines the process wrote (warnings and errors, as tests log them), to explain a failure.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output);

    /// <summary>The silo host (<c>Collab.Silo</c>) with <paramref name="settings"/>, once it serves <c>/health/live</c>.</summary>
    public static Task<ExternalHost> StartSiloAsync(IDictionary<string, string?> settings) =>
        StartAsync("silo", Path.Combine(RepositoryRoot.Path, "silo", "Collab.Silo"), "Collab.Silo.dll", settings, "/health/live");

    /// <summary>A web node with its own silo (<c>Collab.Web</c>) with <paramref name="settings"/>, once it serves <c>/health/ready</c>.</summary>
    public static Task<ExternalHost> StartWebNodeAsync(IDictionary<string, string?> settings) =>
        StartAsync("web node", Path.Combine(RepositoryRoot.Path, "web", "Collab.Web"), "Collab.Web.dll", settings, "/health/ready");

    private static async Task<ExternalHost> StartAsync(string what, string project, string dll, IDictionary<string, string?> settings, string healthPath)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(project, "bin", "Debug", "net10.0", dll), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", project },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Collab__Cluster__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["Collab__Cluster__GatewayPort"] = FreePorts.Next().ToString();
        start.Environment["Collab__Demo__Seed"] = "false";
        start.Environment["Collab__Cluster__AdvertisedIp"] = "127.0.0.1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        var host = new ExternalHost(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (await host.AnswersAsync(healthPath)) return host;
        await host.DisposeAsync();
        throw new InvalidOperationException($"The external {what} did not start (exited: {process.HasExited}):{Environment.NewLine}{host.OutputTail}");
    }

    /// <summary>
    /// Waits until the host is ready to serve (<c>/health/ready</c>: a silo joined its cluster with storage answering,
    /// a web node connected); false when it did not become so within a generous deadline.
    /// </summary>
    public Task<bool> ReadyAsync() => AnswersAsync("/health/ready");

    private async Task<bool> AnswersAsync(string healthPath)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(healthPath)).IsSuccessStatusCode) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer in time.
            }
            await Task.Delay(250);
        }
        return false;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept) _output.TryDequeue(out _);
    }

    /// <summary>Ends the process at once, with everything in it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
