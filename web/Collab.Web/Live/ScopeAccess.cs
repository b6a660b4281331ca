using System.Text.Json;
using Collab.Grains;
using Collab.Grains.Abstractions.Circles;
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

    public sealed record Admission(JsonElement Snapshot, IReadOnlyList<string> PresenceScopes);

    public async Task<Admission> Admit(string scope, string actorId)
    {
        if (!Scopes.TryParse(scope, out var kind, out var id))
            throw CollabException.Invalid("scope", "'scope' must be circle:ID, project:ID, thread:ID or member:ID.");

        switch (kind)
        {
            case Scopes.Circle:
                var circle = await grains.GetGrain<ICircleGrain>(id).Get(actorId);
                return new(Json(new { circle }), [scope]);
            case Scopes.Project:
                var project = await grains.GetGrain<IProjectGrain>(id).Get(actorId);
                return new(Json(new { project }), [scope, Scopes.Of(Scopes.Circle, project.CircleId)]);
            case Scopes.Thread:
                var threadGrain = grains.GetGrain<IThreadGrain>(id);
                var thread = await threadGrain.Get(actorId);
                var comments = await threadGrain.GetComments(actorId, 0, SnapshotComments);
                // Presence rolls up the hierarchy: who reads a project's thread is live in the project and its circle.
                IReadOnlyList<string> presence = thread.ProjectId is { } projectId
                    ? [scope, Scopes.Of(Scopes.Project, projectId), Scopes.Of(Scopes.Circle, thread.CircleId)]
                    : [scope, Scopes.Of(Scopes.Circle, thread.CircleId)];
                return new(Json(new { thread, comments }), presence);
            default:
                var inbox = await grains.GetGrain<IMemberGrain>(id).GetInbox(actorId);
                return new(Json(new { inbox }), []);
        }
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, CollabJson.Options);
}
