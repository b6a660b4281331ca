using System.Diagnostics;
using Collab.Tests.Ot;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A Collab web node with its own silo in a separate process, so a test can kill it the hard way (no
/// shutdown, no goodbye to the cluster), as a crashed machine would.
/// </summary>
public sealed class ExternalWebNode : IAsyncDisposable
{
    private readonly Process _process;

    private ExternalWebNode(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ExternalWebNode> StartAsync(IDictionary<string, string?> settings)
    {
        var port = FreePorts.Next();
        var project = Path.Combine(RepositoryRoot.Path, "web", "Collab.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(project, "bin", "Debug", "net10.0", "Collab.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", project },
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

        var node = new ExternalWebNode(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        await node.DisposeAsync();
        throw new InvalidOperationException($"The external web node did not become ready (exited: {process.HasExited}).");
    }

    /// <summary>Ends the process at once, with everything in it: web node and silo.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
