using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Bench.Scenarios;

/// <summary>
/// A crowd whose listeners live in child processes (<see cref="CrowdClient"/>, up to <see cref="PerProcess"/>
/// each, from 127.0.0.2, 127.0.0.3, …), so this process holds only the server's end of each connection: the
/// memory it gains per connection is the server's, and the crowd can outgrow one process's descriptor limit.
/// The writer stays here; each comment carries its send time, which every process reads on the same clock.
/// </summary>
public sealed class ProcessCrowd : IAsyncDisposable
{
    public const int PerProcess = 5_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);
    private readonly List<Child> _children;
    private readonly Func<int, string, Task> _send;
    private readonly IAsyncDisposable _writer;

    private ProcessCrowd(List<Child> children, Func<int, string, Task> send, IAsyncDisposable writer, int size)
    {
        _children = children;
        _send = send;
        _writer = writer;
        Size = size;
    }

    public int Size { get; }
    public Latencies Latencies { get; } = new();
    public long PresenceMessages { get; private set; }
    public int Dropped { get; private set; }
    /// <summary>Seconds from sign-in to every listener connected (Collab: each signed in and joined to the circle).</summary>
    public double SetupSeconds { get; private set; }
    /// <summary>Seconds the listeners' joins took (the hub's Join, or JoinGroup, all of them, all processes at once).</summary>
    public double JoinSeconds { get; private set; }

    /// <param name="inCircle">Listeners join the circle's scope instead of the thread's (the writer still posts in the thread).</param>
    public static async Task<ProcessCrowd> CollabAsync(BenchServer server, int listeners, string name, bool inCircle = false)
    {
        var stage = await CollabStage.OpenAsync(server, name);
        var scope = inCircle ? stage.CircleScope : stage.ThreadScope;
        return await StartAsync(["--target", "collab", "--url", server.Address.ToString(), "--scope", scope, "--name", name.Replace('-', '_'), "--circle", stage.CircleId],
            listeners, stage.Send, stage.Writer);
    }

    public static async Task<ProcessCrowd> BareAsync(BareHubServer server, int listeners, string name)
    {
        var writer = server.Connection();
        await writer.StartAsync();
        return await StartAsync(["--target", "bare", "--url", server.Address.ToString(), "--scope", name, "--name", name],
            listeners, (_, text) => writer.InvokeAsync("Broadcast", name, text), writer);
    }

    private static async Task<ProcessCrowd> StartAsync(string[] common, int listeners, Func<int, string, Task> send, IAsyncDisposable writer)
    {
        var setup = Stopwatch.StartNew();
        var children = new List<Child>();
        var crowd = new ProcessCrowd(children, send, writer, listeners);
        try
        {
            for (var from = 0; from < listeners; from += PerProcess)
            {
                var source = $"127.0.0.{2 + children.Count}";
                children.Add(Child.Start([.. common, "--from", $"{from}", "--count", $"{Math.Min(PerProcess, listeners - from)}", "--source", source]));
            }
            await Task.WhenAll(children.Select(c => c.Expect("ready")));
            crowd.SetupSeconds = setup.Elapsed.TotalSeconds;
            var joins = Stopwatch.StartNew();
            await Task.WhenAll(children.Select(async c =>
            {
                await c.Say("join");
                await c.Expect("joined");
            }));
            crowd.JoinSeconds = joins.Elapsed.TotalSeconds;
            return crowd;
        }
        catch
        {
            await crowd.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="messages"/> comments, one every 100 ms, and waits (bounded) for every receipt.</summary>
    public async Task<int> WriteAndAwait(int messages)
    {
        await Receipt.SendPacedAsync(_send, messages);
        await Tally(messages);
        return Math.Max(0, messages * (Size - Dropped) - Latencies.Count);
    }

    /// <summary>
    /// Collects from every process the presence messages received, the connections the server closed and, once
    /// every listener still connected has it or the patience ran out, each receipt of <paramref name="messages"/>.
    /// </summary>
    public async Task Tally(int messages = 0)
    {
        (PresenceMessages, Dropped) = (0, 0);
        foreach (var child in _children)
        {
            await child.Say($"report {messages}");
            var report = (await child.Expect("report")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            PresenceMessages += long.Parse(report[1], CultureInfo.InvariantCulture);
            Dropped += int.Parse(report[2], CultureInfo.InvariantCulture);
            foreach (var millis in report.Skip(3)) Latencies.AddMillis(double.Parse(millis, CultureInfo.InvariantCulture));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_children.Select(c => c.Quit()));
        await _writer.DisposeAsync();
    }

    private sealed class Child(Process process, StringBuilder errors)
    {
        public static Child Start(string[] args)
        {
            // This very program again: through the dotnet host with its assembly (`dotnet Collab.Bench.dll`), or its
            // own launcher (`dotnet run`, or the launcher started directly).
            var host = Environment.ProcessPath!;
            var start = new ProcessStartInfo(host)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            start.ArgumentList.Add("crowd-client");
            foreach (var arg in args) start.ArgumentList.Add(arg);
            var errors = new StringBuilder();
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (errors) errors.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
            return new Child(process, errors);
        }

        public async Task Say(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        /// <summary>The child's next line, which must start with <paramref name="word"/>.</summary>
        public async Task<string> Expect(string word)
        {
            using var timeout = new CancellationTokenSource(StepTimeout);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is not null && (line == word || line.StartsWith(word + " ", StringComparison.Ordinal))) return line;
            string said;
            lock (errors) said = errors.ToString();
            throw new InvalidOperationException($"crowd-client: expected '{word}', got '{line ?? "(ended)"}'\n{said}");
        }

        public async Task Quit()
        {
            try
            {
                if (!process.HasExited) await Say("quit");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                process.Kill(entireProcessTree: true);
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
