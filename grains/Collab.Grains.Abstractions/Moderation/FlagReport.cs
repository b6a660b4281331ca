namespace Collab.Grains.Abstractions.Moderation;

/// <summary>One member's report in a flag: several members flagging the same thing merge into one flag.</summary>
[GenerateSerializer, Alias("collab.flag-report")]
public sealed record FlagReport(
    [property: Id(0)] string MemberId,
    [property: Id(1)] FlagReason Reason,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At);
