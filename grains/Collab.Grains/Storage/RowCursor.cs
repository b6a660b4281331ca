using System.Globalization;
using Collab.Grains.Abstractions.Errors;

namespace Collab.Grains.Storage;

/// <summary>
/// Where a page of rows ends: rows are ordered by (position, key), so a cursor is exact even when positions
/// tie. On the wire it is one opaque string, <c>position~key</c>.
/// </summary>
public sealed record RowCursor(long Position, string Key)
{
    public override string ToString() => $"{Position.ToString(CultureInfo.InvariantCulture)}~{Key}";

    /// <summary>Null for no cursor (the first page); a clear error for a cursor this server never gave out.</summary>
    public static RowCursor? Parse(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var split = value.IndexOf('~');
        return split > 0 && long.TryParse(value.AsSpan(0, split), NumberStyles.Integer, CultureInfo.InvariantCulture, out var position)
            ? new RowCursor(position, value[(split + 1)..])
            : throw CollabException.Invalid(field, $"'{field}' must be a cursor returned by an earlier page.");
    }
}
