namespace Collab.Grains.Abstractions.Documents;

/// <param name="BaseRevision">The revision the operation was made on: the last one the client had applied.</param>
/// <param name="Op">The operation as ot-text-unicode JSON.</param>
/// <param name="ClientOpId">Client-generated and unique per operation; a retry with the same id is applied once.</param>
[GenerateSerializer, Alias("collab.submit-operation")]
public sealed record SubmitOperation(
    [property: Id(0)] long BaseRevision,
    [property: Id(1)] string Op,
    [property: Id(2)] string ClientOpId);
