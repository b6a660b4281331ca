namespace Collab.Grains.Abstractions.Live;

/// <summary>
/// Where one connection's cursor or selection is in a document (presence, not history: nothing is stored).
/// <see cref="Anchor"/> and <see cref="Focus"/> are code point positions in the text at <see cref="Revision"/>;
/// they are equal for a plain cursor. A client that has applied more operations than <see cref="Revision"/>
/// moves them with <c>transformPosition</c> over those operations, exactly as it moves its own cursor.
/// </summary>
[GenerateSerializer, Alias("collab.cursor-update")]
public sealed record CursorUpdate(
    [property: Id(0)] string Scope,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string MemberId,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] long Revision,
    [property: Id(5)] int Anchor,
    [property: Id(6)] int Focus);
