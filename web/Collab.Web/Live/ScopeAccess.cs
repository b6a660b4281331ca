using System.Text.Json;
using Collab.Grains;
using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;

namespace Collab.Web.Live;

/// <summary>
/// Turns a scope name into the grain calls that let a member in: each grain's own read check decides (the
/// hub never does), and the same call yields the snapshot and the scopes whose presence the member joins.
/// </summary>
public sealed class ScopeAccess(IGrainFactory grains)
{
    private const int SnapshotComments = 200;
    private const int SnapshotMembers = 24;
    private const int SnapshotInbox = 50;

    /// <param name="SnapshotSeq">The seq the snapshot is as of, when the snapshot knows it exactly (a document's revision).</param>
    /// <param name="Circle">
    /// The circle whose changes of access concern the scope, when it is not among <paramref name="PresenceScopes"/>
    /// (a circle's dashboard: watching it is not being live in the circle).
    /// </param>
    public sealed record Admission(JsonElement Snapshot, IReadOnlyList<string> PresenceScopes, long? SnapshotSeq = null, string? Circle = null);

    /// <param name="platformModeratorClaim">The sign-in carries the platform moderator claim (only the dashboard of all circles asks).</param>
    public async Task<Admission> Admit(string scope, string actorId, bool platformModeratorClaim = false)
    {
        if (!Scopes.TryParse(scope, out var kind, out var id))
            throw CollabException.Invalid("scope", "'scope' must be circle:ID, project:ID, thread:ID, document:ID, member:ID, dashboard:ID or dashboard:all.");

        switch (kind)
        {
            case Scopes.Circle:
                var circleGrain = grains.GetGrain<ICircleGrain>(id);
                var circle = await circleGrain.Get(actorId);
                var members = await circleGrain.Members(actorId, null, SnapshotMembers);
                return new(Json(new { circle, members }), [scope]);
            case Scopes.Project:
                var project = await grains.GetGrain<IProjectGrain>(id).Get(actorId);
                return new(Json(new { project }), [scope, Scopes.Of(Scopes.Circle, project.CircleId)]);
            case Scopes.Thread:
                var threadGrain = grains.GetGrain<IThreadGrain>(id);
                var thread = await threadGrain.Get(actorId);
                // A thread opens at its newest comments; older ones are read by paging back (comments.nextBefore).
                var comments = await threadGrain.GetCommentsBefore(actorId, null, SnapshotComments);
                // Presence rolls up the hierarchy: who reads a project's thread is live in the project and its circle.
                IReadOnlyList<string> presence = thread.ProjectId is { } projectId
                    ? [scope, Scopes.Of(Scopes.Project, projectId), Scopes.Of(Scopes.Circle, thread.CircleId)]
                    : [scope, Scopes.Of(Scopes.Circle, thread.CircleId)];
                // The comments may include events after thread.LastSeq; clients apply comment events as upserts.
                return new(Json(new { thread, comments }), presence, thread.LastSeq);
            case Scopes.Document:
                var (_, documentPresence) = await AdmitDocument(id, actorId);
                // Text and revision come from one grain call, so the snapshot is exactly the document at its seq.
                var document = await grains.GetGrain<IDocumentGrain>(id).Get(actorId);
                return new(Json(new { document }), documentPresence, document.Revision);
            case Scopes.Dashboard:
                // The activity grain decides: the circle's moderators and owners, or platform moderators for all circles.
                var activity = await grains.GetGrain<IActivityGrain>(id).Get(actorId, platformModeratorClaim);
                return new(Json(new { activity }), [], null, id == IActivityGrain.All ? null : Scopes.Of(Scopes.Circle, id));
            default:
                var inbox = await grains.GetGrain<IMemberGrain>(id).GetInbox(actorId, null, SnapshotInbox);
                return new(Json(new { inbox }), []);
        }
    }

    /// <summary>
    /// Asks the grain that owns the scope again whether the member may still read it (after a change of
    /// membership): the same read check <see cref="Admit"/> makes, without reading a snapshot. Throws the grain's
    /// own <see cref="CollabException"/> when not.
    /// </summary>
    public async Task EnsureCanRead(string scope, string actorId)
    {
        if (!Scopes.TryParse(scope, out var kind, out var id)) throw CollabException.Invalid("scope", $"'{scope}' is not a scope.");
        switch (kind)
        {
            case Scopes.Circle:
                await grains.GetGrain<ICircleGrain>(id).EnsureCanRead(actorId);
                break;
            case Scopes.Project:
                await grains.GetGrain<IProjectGrain>(id).Get(actorId);
                break;
            case Scopes.Thread:
                await grains.GetGrain<IThreadGrain>(id).Get(actorId);
                break;
            case Scopes.Document:
                await grains.GetGrain<IDocumentGrain>(id).Describe(actorId);
                break;
            case Scopes.Dashboard:
                // Only a circle's dashboard is checked again (after its roles changed); the claim is no circle's to change.
                await grains.GetGrain<IActivityGrain>(id).EnsureCanWatch(actorId, false);
                break;
            default:
                await Admit(scope, actorId);
                break;
        }
    }

    /// <summary>
    /// Lets a member into a project's document (the document grain decides); whoever is in it is also live in
    /// the project and the circle.
    /// </summary>
    public async Task<(DocumentInfo Document, IReadOnlyList<string> PresenceScopes)> AdmitDocument(string documentId, string actorId)
    {
        var document = await grains.GetGrain<IDocumentGrain>(documentId).Describe(actorId);
        return (document, [Scopes.Of(Scopes.Document, documentId), Scopes.Of(Scopes.Project, document.ProjectId), Scopes.Of(Scopes.Circle, document.CircleId)]);
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, CollabJson.Options);
}
