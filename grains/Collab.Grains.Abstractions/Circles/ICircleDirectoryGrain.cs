using Collab.Grains.Abstractions.Paging;

namespace Collab.Grains.Abstractions.Circles;

/// <summary>
/// The list of all circles, in the order they were created. Each circle writes its own directory row with its own
/// events, so no single activation is written on every join; this grain only reads pages (a stateless worker).
/// </summary>
[Alias("collab.circle-directory")]
public interface ICircleDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("list")] Task<Page<CircleSummary>> List(string? after, int limit);
}
