namespace Collab.Grains.Documents;

/// <summary>
/// A flag on a document passage as a row of the circle's <c>flags</c> collection (key <see cref="FlagId"/>,
/// <c>document:{documentId}:{n}</c>), which the circle's review queue lists beside flagged comments. Written by the
/// document grain in the transaction of the flag's event; moderators change its <see cref="State"/> from the queue.
/// </summary>
/// <param name="Target">Always <c>document</c>: what kind of thing is flagged.</param>
/// <param name="Range">The passage, in code points of the text at its revision.</param>
/// <param name="State"><c>open</c> until a moderator resolves it.</param>
public sealed record PassageFlagRow(string FlagId, string Target, string DocumentId, PassageRange Range, IReadOnlyList<PassageFlagReason> Reasons, string State)
{
    public const string Open = "open";
}

/// <param name="Start">The first code point of the passage at <paramref name="Revision"/>.</param>
/// <param name="End">The code point just after it.</param>
public sealed record PassageRange(long Revision, int Start, int End);

/// <summary>One member's reason for a flag; flags of the same passage gather one per flagging.</summary>
public sealed record PassageFlagReason(string MemberId, string Reason, string? Note, DateTimeOffset At);
