namespace Collab.Grains.Abstractions.Circles;

/// <summary>The list of all circles (one activation, key <see cref="Key"/>); circles keep their entry current.</summary>
[Alias("collab.circle-directory")]
public interface ICircleDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("upsert")] Task Upsert(CircleSummary summary);
    [Alias("list")] Task<IReadOnlyList<CircleSummary>> List();
}
