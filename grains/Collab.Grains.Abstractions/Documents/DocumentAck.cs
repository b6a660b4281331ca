namespace Collab.Grains.Abstractions.Documents;

/// <summary>An operation was applied as revision <see cref="Revision"/>.</summary>
/// <param name="Op">The operation as it was applied: transformed over what others did since its base revision.</param>
[GenerateSerializer, Alias("collab.document-ack")]
public sealed record DocumentAck(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string Op,
    [property: Id(3)] string ClientOpId);
