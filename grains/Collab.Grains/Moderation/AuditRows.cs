using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;

namespace Collab.Grains.Moderation;

/// <summary>
/// The audit log of a circle: one row per moderation action, written by the grain that acted, in the same
/// transaction as the action's own event, so no action can happen without its entry (or the reverse).
/// </summary>
public static class AuditRows
{
    public const string Collection = "audit";

    /// <summary>Held posts waiting for approval, in the moderation scope: moderators find them in one list.</summary>
    public const string HeldPosts = "held";

    /// <summary>The scope holding a circle's moderation rows (audit log, review queue); only its moderators read it.</summary>
    public static string Scope(string circleId) => $"moderation:{circleId}";

    /// <param name="eventScope">The scope of the event the entry is written with, and <paramref name="seq"/> its seq: together a unique key.</param>
    public static RowChange Held(string circleId, CommentView comment) =>
        RowChange.Upsert(Scope(circleId), HeldPosts, $"{comment.ThreadId}:{comment.Id}",
            (comment.CreatedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, comment);

    public static RowChange Released(string circleId, CommentView comment) =>
        RowChange.Delete(Scope(circleId), HeldPosts, $"{comment.ThreadId}:{comment.Id}");

    public static RowChange For(string circleId, AuditEntry entry, string eventScope, long seq) =>
        RowChange.Upsert(Scope(circleId), Collection, $"{eventScope}#{seq}", (entry.At - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, entry);
}
