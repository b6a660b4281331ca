namespace Collab.Grains.Storage;

/// <summary>
/// A change to one row of a scope's keyed collection (a circle's members, a member's inbox, the circle
/// directory, ...), written in the same transaction as the event that causes it. Rows are a projection of the
/// log, never a second truth: they let anything that grows with use be stored one row per item and read in
/// pages, so a join costs one small insert however large the circle already is.
/// </summary>
/// <param name="Scope">The scope whose collection holds the row; it may differ from the event's scope (a join
/// writes the circle's member row and the member's circle row together).</param>
/// <param name="Position">Orders the collection for paging (with <paramref name="Key"/> breaking ties).</param>
/// <param name="Payload">The row as JSON, or null to delete the row.</param>
public sealed record RowChange(string Scope, string Collection, string Key, long Position, string? Payload)
{
    public static RowChange Upsert<T>(string scope, string collection, string key, long position, T value) =>
        new(scope, collection, key, position, CollabJson.Serialize(value));

    public static RowChange Delete(string scope, string collection, string key) => new(scope, collection, key, 0, null);
}
