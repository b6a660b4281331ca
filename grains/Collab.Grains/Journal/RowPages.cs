using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Storage;

namespace Collab.Grains.Journal;

/// <summary>Reads one page of a row collection for a client: the limit checked, the cursor parsed, the next cursor given.</summary>
public static class RowPages
{
    public static async Task<Page<T>> ReadAsync<T>(IEventStore events, string scope, string collection, string? after, int limit,
        int maxLimit, bool newestFirst = false)
    {
        var rows = await ReadRowsAsync(events, scope, collection, after, limit, maxLimit, newestFirst);
        return new Page<T>(rows.Items.Select(r => r.Read<T>()).ToList(), rows.Next);
    }

    public static async Task<Page<StoredRow>> ReadRowsAsync(IEventStore events, string scope, string collection, string? after, int limit,
        int maxLimit, bool newestFirst = false)
    {
        if (limit < 1 || limit > maxLimit) throw CollabException.Invalid("limit", $"'limit' must be between 1 and {maxLimit}.");
        var rows = await events.ReadRowsAsync(scope, collection, RowCursor.Parse("after", after), limit, newestFirst);
        return new Page<StoredRow>(rows, rows.Count == limit ? rows[^1].Cursor.ToString() : null);
    }
}
