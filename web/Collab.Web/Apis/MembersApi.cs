using System.Security.Claims;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Validation;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/members").WithTags("Members");
        api.MapGet("/me", Me).WithName("GetMe").WithSummary("The signed-in member, with their circles and roles.");
        api.MapPatch("/me", UpdateMe).WithName("UpdateMe").WithSummary("Change your handle or display name.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/me/invitations", Invitations).WithName("ListMyInvitations")
            .WithSummary("Your invitations to circles waiting for an answer (join or decline), oldest first, paged.").ProducesValidationProblem();
        api.MapGet("/me/inbox", Inbox).WithName("GetInbox").WithSummary("Your mentions, newest first, paged, with the unread count.")
            .ProducesValidationProblem();
        api.MapPost("/me/inbox/read", MarkRead).WithName("MarkInboxRead").WithSummary("Mark a mention and every older one read; answers the unread count.")
            .ProducesValidationProblem();
        api.MapGet("/{memberId}", Get).WithName("GetMember").WithSummary("A member's profile, with the circles you may see.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/by-handle/{handle}", ByHandle).WithName("GetMemberByHandle").WithSummary("Find a member by @handle.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<MemberView>> Me(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).Get());

    private static async Task<Ok<MemberView>> UpdateMe(UpdateProfileRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).UpdateProfile(user.MemberId(), body.Handle, body.DisplayName));

    private static async Task<Ok<Page<CircleInvitation>>> Invitations([AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).Invitations(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<InboxPage>> Inbox([AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).GetInbox(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<int>> MarkRead(MarkInboxReadRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).MarkInboxRead(user.MemberId(), body.UpTo));

    private static async Task<Ok<MemberView>> Get(string memberId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(memberId).GetAs(user.MemberId()));

    private static async Task<Results<Ok<MemberView>, NotFound>> ByHandle(string handle, ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IHandleGrain>(Input.Handle(handle)).Owner() is { } id
            ? TypedResults.Ok(await grains.GetGrain<IMemberGrain>(id).GetAs(user.MemberId()))
            : TypedResults.NotFound();
}
