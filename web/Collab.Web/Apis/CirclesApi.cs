using System.Security.Claims;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Validation;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

public static class CirclesApi
{
    public static RouteGroupBuilder MapCirclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/circles").WithTags("Circles");
        api.MapGet("/", List).WithName("ListCircles").WithSummary("All circles, invite-only ones included (names only), oldest first, paged.")
            .ProducesValidationProblem();
        api.MapPost("/", Create).WithName("CreateCircle").WithSummary("Create a circle; the caller becomes its owner.")
            .ProducesValidationProblem();
        api.MapGet("/{circleId}", Get).WithName("GetCircle").WithSummary("A circle: what it is, how many members, and your role in it.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{circleId}", Update).WithName("UpdateCircle").WithSummary("Change a circle's name, description or visibility (owners).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{circleId}/members", Members).WithName("ListCircleMembers").WithSummary("The circle's members in the order they joined, paged.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/{circleId}/members/{memberId}", Remove).WithName("RemoveCircleMember")
            .WithSummary("Remove a member from the circle, banning them with ban=true (owners and moderators); their live connections lose what they may no longer read at once.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{circleId}/join", Join).WithName("JoinCircle").WithSummary("Join an open circle, or one you were invited to.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{circleId}/leave", Leave).WithName("LeaveCircle").WithSummary("Leave a circle (not as its last owner).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{circleId}/invitations", Invite).WithName("InviteToCircle").WithSummary("Invite a member (owners and moderators).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{circleId}/members/{memberId}/role", ChangeRole).WithName("ChangeMemberRole")
            .WithSummary("Change a member's role (owners only).").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{circleId}/threads", ListThreads).WithName("ListCircleThreads").WithSummary("The circle's own threads, paged.")
            .ProducesValidationProblem();
        api.MapGet("/{circleId}/unread", Unread).WithName("ListCircleUnread")
            .WithSummary("The circle's threads and project discussions (first page of each) with comment counts, last activity and what you have not read.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{circleId}/threads", CreateThread).WithName("CreateThread").WithSummary("Start a thread in the circle.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{circleId}/projects", ListProjects).WithName("ListCircleProjects").WithSummary("The circle's projects, paged.")
            .ProducesValidationProblem();
        api.MapPost("/{circleId}/projects", CreateProject).WithName("CreateProject")
            .WithSummary("Start a project in the circle, with its own discussion thread.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<Page<CircleSummary>>> List([AsParameters] CursorPageRequest page, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleDirectoryGrain>(0).List(page.After, page.Limit));

    private static async Task<Created<CircleView>> Create(CreateCircle body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var circle = await grains.GetGrain<ICircleGrain>(NewId.For("c")).Create(user.MemberId(), body);
        return TypedResults.Created($"/api/circles/{circle.Id}", circle);
    }

    private static async Task<Ok<CircleView>> Get(string circleId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Get(user.MemberId()));

    private static async Task<Ok<CircleView>> Update(string circleId, UpdateCircle body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Update(user.MemberId(), body));

    private static async Task<Ok<Page<CircleMember>>> Members(string circleId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Members(user.MemberId(), page.After, page.Limit));

    private static async Task<NoContent> Remove(string circleId, string memberId, [AsParameters] RemoveMemberRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<ICircleGrain>(circleId).RemoveMember(user.MemberId(), memberId, body.Reason, body.Ban);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CircleView>> Join(string circleId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Join(user.MemberId()));

    private static async Task<NoContent> Leave(string circleId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<ICircleGrain>(circleId).Leave(user.MemberId());
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Invite(string circleId, InviteRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<ICircleGrain>(circleId).Invite(user.MemberId(), body.MemberId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CircleMember>> ChangeRole(string circleId, string memberId, ChangeRoleRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).ChangeRole(user.MemberId(), memberId, body.Role));

    private static async Task<Ok<Page<ThreadView>>> ListThreads(string circleId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var listed = await grains.GetGrain<ICircleGrain>(circleId).Threads(user.MemberId(), page.After, page.Limit);
        var threads = await Task.WhenAll(listed.Items.Select(t => grains.GetGrain<IThreadGrain>(t.Id).Get(user.MemberId())));
        return TypedResults.Ok(new Page<ThreadView>(threads, listed.Next));
    }

    private static async Task<Ok<IReadOnlyList<ThreadUnread>>> Unread(string circleId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).UnreadIn(user.MemberId(), circleId));

    private static async Task<Created<ThreadView>> CreateThread(string circleId, CreateThreadRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var thread = await grains.GetGrain<IThreadGrain>(NewId.For("t")).Create(user.MemberId(), new CreateThread(circleId, null, body.Title));
        return TypedResults.Created($"/api/threads/{thread.Id}", thread);
    }

    private static async Task<Ok<Page<ProjectView>>> ListProjects(string circleId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var listed = await grains.GetGrain<ICircleGrain>(circleId).Projects(user.MemberId(), page.After, page.Limit);
        var projects = await Task.WhenAll(listed.Items.Select(p => grains.GetGrain<IProjectGrain>(p.Id).Get(user.MemberId())));
        return TypedResults.Ok(new Page<ProjectView>(projects, listed.Next));
    }

    private static async Task<Created<ProjectView>> CreateProject(string circleId, CreateProjectRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var project = await grains.GetGrain<IProjectGrain>(NewId.For("p"))
            .Create(user.MemberId(), new CreateProject(circleId, body.Title, body.Summary, body.Tags, body.Sdgs));
        return TypedResults.Created($"/api/projects/{project.Id}", project);
    }
}
