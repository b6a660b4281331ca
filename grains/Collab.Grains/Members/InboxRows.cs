using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Storage;

namespace Collab.Grains.Members;

/// <summary>
/// A mention (or a reply) is stored as a row of the mentioned member's inbox in the same transaction as the comment that
/// makes it, so no failure between two grains can lose it; the member grain only pushes it live.
/// </summary>
public static class InboxRows
{
    public static RowChange For(string memberId, MentionNotice notice) =>
        RowChange.Upsert(Scopes.Of(Scopes.Member, memberId), MemberEvents.InboxRows, KeyOf(notice), PositionOf(notice), notice);

    /// <summary>Where the notice's row sits, so a notice pushed live can be marked read like one read from the inbox.</summary>
    public static RowCursor CursorOf(MentionNotice notice) => new(PositionOf(notice), KeyOf(notice));

    private static string KeyOf(MentionNotice notice) => $"{notice.ThreadId}:{notice.CommentId}";

    private static long PositionOf(MentionNotice notice) => (notice.At - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
