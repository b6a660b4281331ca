using System.Diagnostics;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Bench.Scenarios;

// collab-bench SCENARIO[,SCENARIO…] [--quick] [--trace PATH] [--members N] [--connections N] [--circle-members N]
// SCENARIO: fanout | festival | connections | ot | appends | editors | bigcircle | all; several, comma-separated, run in
// that order in one process (to see what one scenario leaves behind for the next). Exit 0 with figures printed; 1 when something
// is broken (a receipt lost, a wrong end text, a refused call); 2 on a usage error. Never fails for being slow.
// "all" measures connections first, while the process holds nothing else.
// crowd-client is not a scenario: the listener processes the festival and connections scenarios start.
if (args.Length > 0 && args[0] == "crowd-client") return await CrowdClient.Run(args);
string[] scenarios = ["connections", "fanout", "festival", "ot", "appends", "editors", "bigcircle"];
string[] selected = args.Length == 0 ? [] : args[0] == "all" ? scenarios : args[0].Split(',');
if (selected.Length == 0 || !selected.All(scenarios.Contains))
{
    Console.Error.WriteLine($"usage: collab-bench <{string.Join("|", scenarios)}|all>[,…] [--quick] [--trace PATH] [--members N] [--connections N] [--circle-members N]");
    return 2;
}
var quick = args.Contains("--quick");
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var root = RepositoryRoot();
var trace = Option("--trace") ?? Path.Combine(root, "..", "shared", "traces", "automerge-paper.json.gz");
var baselines = Path.Combine(root, "tools", "Collab.Bench", "baselines");
int? members = Option("--members") is { } m ? int.Parse(m) : null;
int? connections = Option("--connections") is { } c ? int.Parse(c) : null;
int? circleMembers = Option("--circle-members") is { } cm ? int.Parse(cm) : null;

Console.WriteLine($"collab-bench {string.Join(" ", args)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var report = new Report();
var clock = Stopwatch.StartNew();
try
{
    await using var collab = await BenchServer.StartAsync();
    await using var bare = await BareHubServer.StartAsync();
    foreach (var scenario in selected)
    {
        var started = clock.Elapsed;
        switch (scenario)
        {
            case "fanout": await FanOutScenario.Run(collab, bare, report, quick); break;
            case "festival": await FestivalScenario.Run(collab, bare, report, quick, members); break;
            case "connections": await ConnectionsScenario.Run(collab, bare, report, quick, connections); break;
            case "ot": await OtScenario.Run(collab, bare, report, quick, trace, baselines); break;
            case "appends": await AppendsScenario.Run(collab, report, quick); break;
            case "editors": await EditorsScenario.Run(collab, bare, report, quick); break;
            case "bigcircle": await BigCircleScenario.Run(collab, report, quick, circleMembers); break;
        }
        Console.WriteLine($"  ({scenario}: {(clock.Elapsed - started).TotalSeconds:F1} s)");
        if (scenario != selected[^1]) await collab.SettleAsync();
    }
}
catch (Exception ex)
{
    report.PrintTable();
    Console.Error.WriteLine($"BROKEN: {ex}");
    return 1;
}
report.PrintTable();
Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
return 0;

// The repository root: the nearest folder above the working directory holding Collab.sln.
static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Collab.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
