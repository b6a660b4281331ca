using Collab.Grains.Abstractions.Live;

namespace Collab.Grains.Abstractions.Documents;

/// <summary>
/// The answer to opening a document at a known revision. Either <see cref="Text"/> is set (the text at
/// <see cref="Revision"/>: the caller starts over from it) or <see cref="Ops"/> holds the <c>document.op</c>
/// events after the caller's revision up to <see cref="Revision"/>, in order.
/// </summary>
[GenerateSerializer, Alias("collab.document-opened")]
public sealed record DocumentOpened(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string? Text,
    [property: Id(3)] IReadOnlyList<ScopeEvent> Ops,
    [property: Id(4)] bool CanEdit);
