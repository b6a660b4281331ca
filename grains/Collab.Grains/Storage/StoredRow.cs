namespace Collab.Grains.Storage;

/// <summary>One row of a scope's keyed collection (see <see cref="RowChange"/>).</summary>
public sealed record StoredRow(string Scope, string Collection, string Key, long Position, string Payload)
{
    public T Read<T>() => CollabJson.Deserialize<T>(Payload);

    public RowCursor Cursor => new(Position, Key);
}
