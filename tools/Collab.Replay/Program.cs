using System.Globalization;
using Collab.Replay.Hosting;
using Collab.Replay.Replay;
using Collab.Replay.Traces;

namespace Collab.Replay;

/// <summary><c>replay --trace FILE [--server URL] [--one-op-per-edit]</c>; see <see cref="Usage"/>.</summary>
internal static class Program
{
    private const string Usage = """
        Replays an editing trace through Collab's SignalR hub and checks that every copy of the document converges.

        usage: replay --trace FILE [--server URL] [--one-op-per-edit]

          --trace FILE        a josephg/editing-traces file (.json.gz or .json): sequential, or concurrent with any number of agents
          --server URL        a running Collab whose development token issuer is on (a single node);
                              default: start a single node in this process, on SQLite in a temporary folder
          --one-op-per-edit   sequential traces: send each edit as its own operation and wait for its acknowledgement
                              (default: compose the edits typed while one operation is in flight, as an editor does)

        Exit code 0 when every client and the server end at the trace's endContent, 1 when any differs,
        2 for a usage or setup error.
        """;

    private static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (!TryParse(args, out var tracePath, out var server, out var oneOpPerEdit, out var problem))
        {
            Console.Error.WriteLine(problem is null ? Usage : $"{problem}\n\n{Usage}");
            return problem is null ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, TryCancel(cancel));
        try
        {
            var trace = EditingTrace.Load(tracePath!);
            Console.WriteLine($"trace    {Path.GetFileName(tracePath)}: {(trace.IsConcurrent ? $"concurrent, {trace.NumAgents} agents" : "sequential")}, " +
                              $"{trace.PatchCount:N0} edits in {trace.Transactions.Count:N0} transactions, end text {Grains.Documents.Ot.CodePointText.Count(trace.EndContent):N0} code points");
            await using var local = server is null ? await InProcessServer.StartAsync(cancel.Token) : null;
            var address = server ?? local!.Address;
            Console.WriteLine(local is null ? $"server   {address}" : $"server   {address} (single node in this process, SQLite in {local.DataFolder})");

            var report = await TraceReplayer.RunAsync(address, trace, composeWaiting: !oneOpPerEdit, cancel.Token);
            Print(report);
            return report.Succeeded ? 0 : 1;
        }
        catch (Exception ex)
        {
            // Whatever stopped the replay (an unreadable trace, an unreachable server, a refused operation): one
            // line for the person at the terminal, and the exit code that says the replay proved nothing.
            Console.Error.WriteLine($"replay failed: {ex.Message}");
            return 2;
        }
    }

    private static void Print(ReplayReport report)
    {
        var mode = report.Concurrent ? $"{report.Agents} hub connections, each agent seeing the others' edits as the trace's parents say"
            : report.Operations == report.Edits ? "one hub connection, one operation per edit" : "one hub connection, edits typed during a round trip composed";
        Console.WriteLine($"replayed {report.Edits:N0} edits in {report.Elapsed.TotalSeconds:N2} s = {report.EditsPerSecond:N0} edits/s ({mode})");
        Console.WriteLine($"         {report.Operations:N0} operations acknowledged by the server; most waiting in one client: {report.MostWaiting:N0}; " +
                          $"late pushes read back: {report.GapsFilled:N0}; rate-limit retries: {report.RateLimitRetries:N0}");
        for (var i = 0; i < report.ClientTexts.Count; i++) Console.WriteLine($"client {i} {Verdict(report.ClientTexts[i], report.EndContent)}");
        var revision = report.ServerRevision == report.ExpectedRevision ? $"revision {report.ServerRevision:N0}"
            : $"revision {report.ServerRevision:N0} (expected {report.ExpectedRevision:N0}): MISMATCH";
        Console.WriteLine($"server   {revision}, {Verdict(report.ServerText, report.EndContent)}");
        Console.WriteLine(report.Succeeded ? "OK: every client and the server end at endContent" : "FAILED: not every copy ends at endContent");
    }

    private static string Verdict(string text, string expected)
    {
        var length = Grains.Documents.Ot.CodePointText.Count(text);
        if (text == expected) return $"{length:N0} code points, equal to endContent";
        var at = text.AsSpan().CommonPrefixLength(expected);
        return $"{length:N0} code points, DIFFERS from endContent at UTF-16 index {at:N0}: " +
               $"expected \"{Excerpt(expected, at)}\", got \"{Excerpt(text, at)}\"";
    }

    private static string Excerpt(string text, int at) =>
        at >= text.Length ? "(end)" : text.Substring(at, Math.Min(40, text.Length - at)).ReplaceLineEndings("⏎");

    private static bool TryParse(string[] args, out string? trace, out Uri? server, out bool oneOpPerEdit, out string? problem)
    {
        (trace, server, oneOpPerEdit, problem) = (null, null, false, null);
        if (args.Length == 0)
        {
            problem = "No command given.";
            return false;
        }
        if (args[0] is "-h" or "--help" or "help") return false;
        if (args[0] != "replay")
        {
            problem = $"Unknown command '{args[0]}'.";
            return false;
        }
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--trace" when i + 1 < args.Length:
                    trace = args[++i];
                    break;
                case "--server" when i + 1 < args.Length:
                    if (!Uri.TryCreate(args[++i], UriKind.Absolute, out server) || server.Scheme is not ("http" or "https"))
                    {
                        problem = $"--server must be an http(s) URL, not '{args[i]}'.";
                        return false;
                    }
                    break;
                case "--one-op-per-edit":
                    oneOpPerEdit = true;
                    break;
                case "-h" or "--help":
                    return false;
                default:
                    problem = $"Unknown or incomplete option '{args[i]}'.";
                    return false;
            }
        }
        if (trace is null) problem = "--trace FILE is required.";
        else if (!File.Exists(trace)) problem = $"Trace file '{trace}' not found.";
        return problem is null;
    }

    private static bool TryCancel(CancellationTokenSource cancel)
    {
        cancel.Cancel();
        return true;
    }
}
