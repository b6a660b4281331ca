namespace Collab.Grains.Abstractions.Documents;

/// <param name="Id">Equal to <see cref="ProjectId"/>: a project has exactly one document.</param>
/// <param name="Length">Code points of the current text.</param>
/// <param name="CanEdit">Whether the member asking may submit operations (members of the circle may).</param>
[GenerateSerializer, Alias("collab.document-info")]
public sealed record DocumentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string CircleId,
    [property: Id(3)] long Revision,
    [property: Id(4)] int Length,
    [property: Id(5)] bool CanEdit);
