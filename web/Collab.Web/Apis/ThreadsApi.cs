using Collab.Hosting.Telemetry;
using System.Security.Claims;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Threads;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

public static class ThreadsApi
{
    public static RouteGroupBuilder MapThreadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/threads").WithTags("Threads");
        api.MapGet("/{threadId}", Get).WithName("GetThread").WithSummary("A thread: title, lock flag and its newest seq.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{threadId}", Rename).WithName("RenameThread").WithSummary("Rename the thread (its starter and moderators).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{threadId}/comments", Comments).WithName("ListComments")
            .WithSummary("Comments oldest first: the newest page by default; pass a page's nextBefore as before for older ones, nextAfter as after for newer.")
            .ProducesValidationProblem();
        api.MapPost("/{threadId}/comments", Post).WithName("PostComment")
            .WithSummary("Post a comment or a reply; a retry with the same commandId creates nothing new.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/{threadId}/comments/{commentId:long}", Edit).WithName("EditComment")
            .WithSummary("Edit your own comment.").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/{threadId}/comments/{commentId:long}", Delete).WithName("DeleteComment")
            .WithSummary("Delete a comment (its author or a moderator): its text goes, its replies stay.").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/{threadId}/comments/{commentId:long}/flags", Flag).WithName("FlagComment")
            .WithSummary("Flag a comment for the circle's moderators, with a reason; flags of one comment merge.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/{threadId}/comments/{commentId:long}/hidden", Hide).WithName("HideComment")
            .WithSummary("Hide a comment (moderators): members see it was hidden; its author and moderators still read it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/{threadId}/comments/{commentId:long}/hidden", RestoreComment).WithName("RestoreComment")
            .WithSummary("Show a hidden comment again (moderators).").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/{threadId}/comments/{commentId:long}/approve", Approve).WithName("ApproveComment")
            .WithSummary("Approve a held post of a new member (moderators): everyone sees it from then on.").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/{threadId}/comments/{commentId:long}/reactions/{emoji}", React).WithName("AddReaction")
            .WithSummary("React with one of the fixed emoji.").ProducesValidationProblem();
        api.MapDelete("/{threadId}/comments/{commentId:long}/reactions/{emoji}", Unreact).WithName("RemoveReaction")
            .WithSummary("Take your reaction back.");
        api.MapPut("/{threadId}/lock", SetLocked).WithName("LockThread")
            .WithSummary("Lock or unlock the thread (moderators and owners).").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{threadId}/read", ReadMark).WithName("GetThreadReadMark")
            .WithSummary("How far you read the thread (kept for you on the server, so it follows you across devices); null when never opened.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{threadId}/read", MarkRead).WithName("MarkThreadRead")
            .WithSummary("Mark the thread read up to a comment (never backwards); your other tabs and devices learn it live.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{threadId}/events", Events).WithName("ListThreadEvents")
            .WithSummary("The thread's event log after a seq: what a client missed.").ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<ThreadReadMark?>> ReadMark(string threadId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<ThreadReadMark?>(await grains.GetGrain<IMemberGrain>(user.MemberId()).GetThreadRead(user.MemberId(), threadId));

    private static async Task<Ok<ThreadReadMark>> MarkRead(string threadId, MarkThreadReadRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.MemberId()).MarkThreadRead(user.MemberId(), threadId, body.UpTo));

    private static async Task<Ok<ThreadView>> Get(string threadId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Get(user.MemberId()));

    private static async Task<Ok<ThreadView>> Rename(string threadId, RenameThreadRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Rename(user.MemberId(), body.Title));

    private static async Task<Ok<CommentPage>> Comments(string threadId, [AsParameters] CommentPageRequest page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var thread = grains.GetGrain<IThreadGrain>(threadId);
        return TypedResults.Ok(page.After is { } after
            ? await thread.GetComments(user.MemberId(), after, page.Limit)
            : await thread.GetCommentsBefore(user.MemberId(), page.Before, page.Limit));
    }

    private static async Task<Ok<CommentView>> Delete(string threadId, long commentId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Delete(user.MemberId(), commentId));

    private static async Task<Created<CommentView>> Post(string threadId, PostComment body, ClaimsPrincipal user, IGrainFactory grains, CollabMetrics metrics)
    {
        var comment = await grains.GetGrain<IThreadGrain>(threadId).Post(user.MemberId(), body);
        metrics.CommentPosted("http");
        return TypedResults.Created($"/api/threads/{threadId}/comments/{comment.Id}", comment);
    }

    private static async Task<Ok<CommentView>> Edit(string threadId, long commentId, EditCommentRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Edit(user.MemberId(), commentId, body.Text));

    private static async Task<Ok<CommentView>> React(string threadId, long commentId, string emoji, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).React(user.MemberId(), commentId, emoji));

    private static async Task<Ok<CommentView>> Unreact(string threadId, long commentId, string emoji, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Unreact(user.MemberId(), commentId, emoji));

    private static async Task<Ok<ThreadView>> SetLocked(string threadId, LockRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).SetLocked(user.MemberId(), body.Locked));

    private static async Task<Ok<IReadOnlyList<ScopeEvent>>> Events(string threadId, [AsParameters] PageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).GetEvents(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<FlagView>> Flag(string threadId, long commentId, FlagRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Flag(user.MemberId(), commentId, body.Reason, body.Note));

    private static async Task<Ok<CommentView>> Hide(string threadId, long commentId, HideRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Hide(user.MemberId(), commentId, body.Reason));

    private static async Task<Ok<CommentView>> RestoreComment(string threadId, long commentId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Restore(user.MemberId(), commentId));

    private static async Task<Ok<CommentView>> Approve(string threadId, long commentId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IThreadGrain>(threadId).Approve(user.MemberId(), commentId));
}
