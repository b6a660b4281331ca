namespace Collab.Grains.Abstractions.Projects;

/// <param name="ContributorIds">The first contributors (see <c>IProjectGrain.Contributors</c> for all, in pages).</param>
[GenerateSerializer, Alias("collab.project-view")]
public sealed record ProjectView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Summary,
    [property: Id(4)] ProjectStatus Status,
    [property: Id(5)] IReadOnlyList<string> Tags,
    [property: Id(6)] IReadOnlyList<int> Sdgs,
    [property: Id(7)] IReadOnlyList<string> ContributorIds,
    [property: Id(8)] string ThreadId,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string CreatedBy,
    [property: Id(11)] int ContributorCount)
{
    /// <summary>
    /// The project's co-edited document (<c>IDocumentGrain</c>, scope <c>document:{id}</c>): always the project's
    /// own id, so it is derived rather than stored.
    /// </summary>
    public string DocumentId => Id;
}
