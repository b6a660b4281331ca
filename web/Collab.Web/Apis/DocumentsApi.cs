using System.Security.Claims;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Paging;
using Collab.Web.Apis.Requests;
using Collab.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collab.Web.Apis;

/// <summary>
/// A project's co-edited document (its id is the project id). Live editing goes through the hub
/// (OpenDocument, SubmitOperation); this is the document's history and its readable forms.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/documents").WithTags("Documents");
        api.MapGet("/{documentId}", Get).WithName("GetDocument")
            .WithSummary("A project's document (same id as the project): its current text and revision.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{documentId}/history", History).WithName("ListDocumentRevisions")
            .WithSummary("Revisions in order, with author, time and code points inserted and deleted; pass the page's nextAfter as after.")
            .ProducesValidationProblem();
        api.MapGet("/{documentId}/text", TextAt).WithName("GetDocumentTextAt")
            .WithSummary("The text as it was at ?revision= (0 is the empty document; the current text without it).").ProducesValidationProblem();
        api.MapPost("/{documentId}/restore", Restore).WithName("RestoreDocumentRevision")
            .WithSummary("Make the text what it was at a revision, as one new revision by you: later work stays in the history.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{documentId}/attribution", Attribution).WithName("GetDocumentAttribution")
            .WithSummary("Who wrote the current text: code points per member, most first (JSON, for export).");
        api.MapPost("/{documentId}/redactions", Redact).WithName("RedactDocumentPassage")
            .WithSummary("Remove a passage (start to end, code points of the text at revision) from the text and from all of its history, with a reason (circle moderators and owners). Answers the tombstone.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{documentId}/redactions", Redactions).WithName("ListDocumentRedactions")
            .WithSummary("The tombstones of the document's redactions (who, when, why, which range; never the text), oldest first, paged by cursor.")
            .ProducesValidationProblem();
        api.MapPost("/{documentId}/flags", Flag).WithName("FlagDocumentPassage")
            .WithSummary("Flag a passage for the circle's moderators with a reason (spam, harassment, off-topic, safeguarding, other + note); flags of the same passage merge.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<DocumentText>> Get(string documentId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).Get(user.MemberId()));

    private static async Task<Ok<DocumentHistoryPage>> History(string documentId, [AsParameters] PageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).GetHistory(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<DocumentText>> TextAt(string documentId, [AsParameters] TextAtRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var document = grains.GetGrain<IDocumentGrain>(documentId);
        return TypedResults.Ok(request.Revision is { } revision
            ? await document.GetTextAt(user.MemberId(), revision)
            : await document.Get(user.MemberId()));
    }

    private static async Task<Ok<DocumentAck>> Restore(string documentId, RestoreRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId)
            .Restore(user.MemberId(), body.Revision, body.ClientOpId ?? Guid.NewGuid().ToString("N")));

    private static async Task<Ok<DocumentAttribution>> Attribution(string documentId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).GetAttribution(user.MemberId()));

    private static async Task<Ok<DocumentRedaction>> Redact(string documentId, RedactPassage body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).Redact(user.MemberId(), body));

    private static async Task<Ok<Page<DocumentRedaction>>> Redactions(string documentId, [AsParameters] CursorPageRequest page, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).GetRedactions(user.MemberId(), page.After, page.Limit));

    private static async Task<Ok<DocumentFlag>> Flag(string documentId, FlagPassage body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDocumentGrain>(documentId).Flag(user.MemberId(), body));
}
