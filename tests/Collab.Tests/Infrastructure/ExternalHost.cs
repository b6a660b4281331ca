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
    private readonly Process _process;

    private ExternalHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the host serves HTTP (the web node's API, or the silo's health endpoints).</summary>
    public Uri Address { get; }

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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new ExternalHost(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(healthPath)).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        await host.DisposeAsync();
        throw new InvalidOperationException($"The external {what} did not start (exited: {process.HasExited}).");
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
