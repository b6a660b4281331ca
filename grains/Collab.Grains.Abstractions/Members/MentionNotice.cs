namespace Collab.Grains.Abstractions.Members;

/// <param name="Read">Whether the member has marked it read (set when the inbox is read, not stored).</param>
/// <param name="Reason">Why it is in the inbox: <c>mention</c> (the comment names the member) or <c>reply</c> (it answers their comment).</param>
/// <param name="Cursor">Where it sits in the inbox: pass to mark it, and everything older, read.</param>
[GenerateSerializer, Alias("collab.mention-notice")]
public sealed record MentionNotice(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] long CommentId,
    [property: Id(2)] string FromMemberId,
    [property: Id(3)] string Excerpt,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Read = false,
    [property: Id(6)] string? Cursor = null,
    [property: Id(7)] string Reason = MentionNotice.Mentioned)
{
    public const string Mentioned = "mention";
    public const string Replied = "reply";
}
