namespace Collab.Grains.Abstractions.Projects;

/// <summary>
/// One project of one circle, with its own discussion thread and its own co-edited document: the document's
/// grain (<c>IDocumentGrain</c>) has the project's id as its key.
/// </summary>
[Alias("collab.project")]
public interface IProjectGrain : IGrainWithStringKey
{
    [Alias("create")] Task<ProjectView> Create(string actorId, CreateProject command);
    [Alias("get")] Task<ProjectView> Get(string actorId);
    [Alias("update")] Task<ProjectView> Update(string actorId, UpdateProject command);
    [Alias("add-contributor")] Task<ProjectView> AddContributor(string actorId, string memberId);
    [Alias("contributors")] Task<Paging.Page<string>> Contributors(string actorId, string? after, int limit);
}
