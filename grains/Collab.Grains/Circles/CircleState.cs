using Collab.Grains.Abstractions.Circles;

namespace Collab.Grains.Circles;

[GenerateSerializer, Alias("collab.circle-state")]
public sealed class CircleState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Description { get; set; } = "";
    [Id(2)] public CircleVisibility Visibility { get; set; }
    [Id(3)] public Dictionary<string, CircleMember> Members { get; set; } = [];
    [Id(4)] public HashSet<string> Invited { get; set; } = [];
    [Id(5)] public List<string> ProjectIds { get; set; } = [];
    [Id(6)] public List<string> ThreadIds { get; set; } = [];
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public string CreatedBy { get; set; } = "";
}
