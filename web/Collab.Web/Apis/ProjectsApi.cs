using System.Security.Claims;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Abstractions.Projects;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/projects").WithTags("Projects");
        api.MapGet("/{projectId}", Get).WithName("GetProject").WithSummary("A project, with its discussion thread id.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{projectId}", Update).WithName("UpdateProject")
            .WithSummary("Change title, summary, status, tags or SDGs (contributors and circle moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{projectId}/contributors", Contributors).WithName("ListProjectContributors")
            .WithSummary("The project's contributors in the order they joined it, paged.").ProducesValidationProblem();
        api.MapPost("/{projectId}/contributors", AddContributor).WithName("AddProjectContributor")
            .WithSummary("Add a circle member as contributor.").ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<ProjectView>> Get(string projectId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).Get(user.MemberId()));

    private static async Task<Ok<ProjectView>> Update(string projectId, UpdateProject body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).Update(user.MemberId(), body));

    private static async Task<Ok<ProjectView>> AddContributor(string projectId, AddContributorRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).AddContributor(user.MemberId(), body.MemberId));

    private static async Task<Ok<Page<string>>> Contributors(string projectId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).Contributors(user.MemberId(), page.After, page.Limit));
}
