using Collab.Bench.Hosting;
using Collab.Bench.Measuring;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Idle connections, each member joined to one circle; what they hold. The clients live in this process too
/// (one process may hold at most `ulimit -n` sockets, both ends counted), so the figures are for both ends.
/// </summary>
public static class ConnectionsScenario
{
    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick, int? count)
    {
        var n = count ?? (quick ? 200 : 3_000);
        report.Line($"connections: {n:N0} idle clients, each joined to a circle");
        // The bare hub's share: held with its connections open minus after they closed, so what earlier
        // scenarios leave to be collected meanwhile does not count.
        double bareManaged, bareWorkingSet;
        var bareCrowd = await Crowd.BareAsync(bare, n, "idle");
        var bareHeld = Memory.Now();
        await bareCrowd.DisposeAsync();
        (bareManaged, bareWorkingSet) = bareHeld.PerItem(Memory.Now(), n);
        var before = Memory.Now();
        await using var crowd = await Crowd.CollabAsync(collab, n, "idle", inCircle: true);
        var (managed, workingSet) = Memory.Now().PerItem(before, n);
        report.Line($"  Collab: {crowd.Size - crowd.Dropped:N0} connections held ({crowd.Dropped:N0} closed by the server); set-up {crowd.SetupSeconds:F1} s; working set now {Memory.Now().WorkingSetBytes / 1048576.0:N0} MiB");
        report.Figure("connections", $"N={n:N0} managed KiB per connection (both ends)", $"{managed:F1}", $"{bareManaged:F1}", managed / bareManaged);
        // The working set moves with what the runtime returns to the system, so it is printed, not compared.
        report.Line($"  working-set growth per connection (both ends, noisy): Collab {workingSet:F1} KiB, bare {bareWorkingSet:F1} KiB");
    }
}
