using Collab.Grains.Abstractions.Circles;

namespace Collab.Grains.Circles;

[GenerateSerializer, Alias("collab.circle-directory-state")]
public sealed class CircleDirectoryState
{
    [Id(0)] public Dictionary<string, CircleSummary> Circles { get; set; } = [];
}
