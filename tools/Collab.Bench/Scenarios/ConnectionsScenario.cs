using Collab.Bench.Hosting;
using Collab.Bench.Measuring;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Idle connections, each member joined to one circle; what the web process holds for them. The clients live in
/// child processes (<see cref="ProcessCrowd"/>), so the figures are the server's alone. One process may hold at
/// most `ulimit -n` descriptors (20,000 on the development machine), which bounds the connections of one web node.
/// </summary>
public static class ConnectionsScenario
{
    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick, int? count)
    {
        var n = count ?? (quick ? 200 : 19_000);
        report.Line($"connections: {n:N0} idle clients, each joined to a circle");
        // The bare hub's share: held with its connections open minus after they closed, so what earlier
        // scenarios leave to be collected meanwhile does not count.
        double bareManaged, bareWorkingSet;
        var bareCrowd = await ProcessCrowd.BareAsync(bare, n, "idle");
        var bareHeld = Memory.Now();
        await bareCrowd.DisposeAsync();
        (bareManaged, bareWorkingSet) = bareHeld.PerItem(Memory.Now(), n);
        var before = Memory.Now();
        await using var crowd = await ProcessCrowd.CollabAsync(collab, n, "idle", inCircle: true);
        var held = Memory.Now();
        var (managed, workingSet) = held.PerItem(before, n);
        await crowd.Tally();
        report.Line($"  Collab: {crowd.Size - crowd.Dropped:N0} connections held ({crowd.Dropped:N0} closed by the server); set-up {crowd.SetupSeconds:F1} s, joins {crowd.JoinSeconds:F1} s");
        report.Line($"  Collab: web process (with its silo) working set {held.WorkingSetBytes / 1048576.0:N0} MiB, managed heap {held.ManagedBytes / 1048576.0:N0} MiB with the connections open");
        report.Figure("connections", $"N={n:N0} managed KiB per connection (server)", $"{managed:F1}", $"{bareManaged:F1}", managed / bareManaged);
        report.Figure("connections", $"N={n:N0} working-set KiB per connection (server)", $"{workingSet:F1}", $"{bareWorkingSet:F1}", workingSet / bareWorkingSet);
        if (crowd.Dropped > 0) throw new InvalidOperationException($"connections: the server closed {crowd.Dropped} idle connections.");
    }
}
