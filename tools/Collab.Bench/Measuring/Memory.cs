using System.Diagnostics;

namespace Collab.Bench.Measuring;

/// <summary>This process's memory after a full collection: the managed heap and the working set.</summary>
public readonly record struct Memory(long ManagedBytes, long WorkingSetBytes)
{
    public static Memory Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new Memory(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    /// <summary>Kibibytes per item of the growth from <paramref name="before"/> to this.</summary>
    public (double ManagedKiB, double WorkingSetKiB) PerItem(Memory before, int items) => items == 0 ? (0, 0) :
        ((ManagedBytes - before.ManagedBytes) / 1024.0 / items, (WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / items);
}
