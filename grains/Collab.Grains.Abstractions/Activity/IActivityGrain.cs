using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Activity;

/// <summary>
/// Sliding-window activity figures of one circle (key: the circle id) or of all circles (key <see cref="All"/>).
/// Domain grains report with one-way calls, so a slow or failing dashboard never slows or fails what they do.
/// </summary>
[Alias("collab.activity")]
public interface IActivityGrain : IGrainWithStringKey
{
    const string All = "all";

    [Alias("report"), OneWay] Task Report(ActivityReport report);
}
