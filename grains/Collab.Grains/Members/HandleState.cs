namespace Collab.Grains.Members;

[GenerateSerializer, Alias("collab.handle-state")]
public sealed class HandleState
{
    [Id(0)] public string? MemberId { get; set; }
}
