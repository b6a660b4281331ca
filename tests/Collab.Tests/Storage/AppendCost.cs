using Collab.Grains.Storage;

namespace Collab.Tests.Storage;

/// <summary>Appends like the thread grain does: one event row and one comment row per comment.</summary>
public static class AppendCost
{
    public static async Task AppendComments(IEventStore store, string threadId, long fromSeq, int count)
    {
        var scope = $"thread:{threadId}";
        for (var seq = fromSeq; seq < fromSeq + count; seq++)
        {
            var at = DateTimeOffset.UnixEpoch.AddSeconds(seq);
            var text = $"Comment number {seq} about the school garden.";
            await store.AppendAsync(
                new StoredEvent(scope, seq, "comment.posted", $"{{\"text\":\"{text}\"}}", "m-ana", $"cmd-{seq}", at),
                new StoredComment(threadId, seq, null, "m-ana", text, at, null, "{}", "[]", seq));
        }
    }

    /// <summary>The SQL that the long thread is pre-filled with, so reaching comment 100,000 takes a second, not minutes.</summary>
    public static string FillSql(string threadId, long count, bool postgres) => postgres
        ? $$"""
           INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at)
           SELECT 'thread:{{threadId}}', n, 'comment.posted', '{"text":"filler"}', 'm-ana', 'cmd-' || n, now()
           FROM generate_series(1, {{count}}) AS n;
           INSERT INTO collab_comments (thread_id, comment_id, parent_id, author_id, text, created_at, edited_at, reactions, mentions, last_seq)
           SELECT '{{threadId}}', n, NULL, 'm-ana', 'filler', now(), NULL, '{}', '[]', n
           FROM generate_series(1, {{count}}) AS n;
           """
        : $$"""
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
           INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at_us)
           SELECT 'thread:{{threadId}}', i, 'comment.posted', '{"text":"filler"}', 'm-ana', 'cmd-' || i, 0 FROM n;
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
           INSERT INTO collab_comments (thread_id, comment_id, parent_id, author_id, text, created_at_us, edited_at_us, reactions, mentions, last_seq)
           SELECT '{{threadId}}', i, NULL, 'm-ana', 'filler', 0, NULL, '{}', '[]', i FROM n;
           """;
}
