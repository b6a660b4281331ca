using System.Diagnostics;
using Collab.Tests.Ot;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// The real silo host (<c>Collab.Silo</c>, as built) in its own process on free loopback ports, as an operator
/// runs it; a test reads its health endpoints and may kill it the hard way.
/// </summary>
public sealed class ExternalSilo : IAsyncDisposable
{
    private readonly Process _process;

    private ExternalSilo(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the silo serves its health endpoints.</summary>
    public Uri Address { get; }

    /// <summary>Starts a silo with <paramref name="settings"/> (configuration keys) and waits until it serves <c>/health/live</c>.</summary>
    public static async Task<ExternalSilo> StartAsync(IDictionary<string, string?> settings)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "silo", "Collab.Silo", "bin", "Debug", "net10.0", "Collab.Silo.dll"), "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Collab__Cluster__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["Collab__Cluster__GatewayPort"] = FreePorts.Next().ToString();
        start.Environment["Collab__Cluster__AdvertisedIp"] = "127.0.0.1";
        start.Environment["Collab__Demo__Seed"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var silo = new ExternalSilo(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) return silo;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        await silo.DisposeAsync();
        throw new InvalidOperationException($"The silo did not start (exited: {process.HasExited}).");
    }

    /// <summary>Ends the process at once, as a crashed machine would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
