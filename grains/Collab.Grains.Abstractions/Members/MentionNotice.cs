namespace Collab.Grains.Abstractions.Members;

[GenerateSerializer, Alias("collab.mention-notice")]
public sealed record MentionNotice(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] long CommentId,
    [property: Id(2)] string FromMemberId,
    [property: Id(3)] string Excerpt,
    [property: Id(4)] DateTimeOffset At);
