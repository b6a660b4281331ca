using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Storage;

namespace Collab.Grains.Members;

/// <summary>
/// A mention is stored as a row of the mentioned member's inbox in the same transaction as the comment that
/// makes it, so no failure between two grains can lose it; the member grain only pushes it live.
/// </summary>
public static class InboxRows
{
    public static RowChange For(string memberId, MentionNotice notice) =>
        RowChange.Upsert(Scopes.Of(Scopes.Member, memberId), MemberEvents.InboxRows, $"{notice.ThreadId}:{notice.CommentId}",
            (notice.At - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, notice);
}
