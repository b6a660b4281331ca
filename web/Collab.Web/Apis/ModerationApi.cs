using System.Security.Claims;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Abstractions.Threads;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

/// <summary>A circle's moderation: its review queue, audit log, posting policy, mutes and bans. Every rule is the grains'.</summary>
public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/circles/{circleId}").WithTags("Moderation");
        api.MapGet("/flags", Queue).WithName("ListFlags")
            .WithSummary("The review queue: open flags oldest first, or resolved ones newest first (moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/flags/{flagId}/resolve", Resolve).WithName("ResolveFlag")
            .WithSummary("Close a flag with what was done (moderators); it moves to the resolved list and the audit log.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/held", Held).WithName("ListHeldPosts")
            .WithSummary("New members' posts waiting for approval, oldest first (moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/audit", Audit).WithName("ListAuditLog").WithSummary("Every moderation action in the circle, newest first (moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/policy", SetPolicy).WithName("SetCirclePolicy")
            .WithSummary("Set the posting limit and the holding of new members' first posts (owners).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/members/{memberId}/mute", Mute).WithName("MuteMember")
            .WithSummary("Stop a member from posting in the circle for some minutes (moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/members/{memberId}/mute", Unmute).WithName("UnmuteMember").WithSummary("Lift a mute (moderators).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/bans/{memberId}", Unban).WithName("UnbanMember").WithSummary("Lift a ban (moderators).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<Page<FlagView>>> Queue(string circleId, [AsParameters] FlagQueueRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModerationGrain>(circleId).Queue(user.MemberId(), page.Resolved, page.After, page.Limit));

    private static async Task<Ok<FlagView>> Resolve(string circleId, string flagId, ResolveFlagRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModerationGrain>(circleId).Resolve(user.MemberId(), flagId, body.Resolution));

    private static async Task<Ok<Page<CommentView>>> Held(string circleId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModerationGrain>(circleId).Held(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<Page<AuditEntry>>> Audit(string circleId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModerationGrain>(circleId).Audit(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<CircleView>> SetPolicy(string circleId, PolicyRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var circle = grains.GetGrain<ICircleGrain>(circleId);
        await circle.SetPolicy(user.MemberId(), new CirclePolicy(body.PostLimit, TimeSpan.FromSeconds(body.PostWindowSeconds), body.HoldFirstPosts));
        return TypedResults.Ok(await circle.Get(user.MemberId()));
    }

    private static async Task<Ok<CircleMember>> Mute(string circleId, string memberId, MuteRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Mute(user.MemberId(), memberId, TimeSpan.FromMinutes(body.Minutes), body.Reason));

    private static async Task<Ok<CircleMember>> Unmute(string circleId, string memberId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICircleGrain>(circleId).Unmute(user.MemberId(), memberId));

    private static async Task<NoContent> Unban(string circleId, string memberId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<ICircleGrain>(circleId).Unban(user.MemberId(), memberId);
        return TypedResults.NoContent();
    }
}
