using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Members;

namespace Collab.Grains.Members;

[GenerateSerializer, Alias("collab.member-state")]
public sealed class MemberState
{
    [Id(0)] public string Handle { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public Dictionary<string, CircleRole> Circles { get; set; } = [];
    [Id(3)] public List<MentionNotice> Inbox { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
}
