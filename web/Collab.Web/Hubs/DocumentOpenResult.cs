using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Hubs;

/// <summary>
/// What a client gets when it opens a document: the text at <see cref="Revision"/> (when it knew nothing or was
/// too far behind), or the <c>document.op</c> events after the revision it knew, up to <see cref="Revision"/>.
/// Pushed events with a greater seq follow; any with a seq up to <see cref="Revision"/> are already in here.
/// </summary>
/// <param name="CanEdit">False for readers who are not members of the project's circle.</param>
public sealed record DocumentOpenResult(
    string DocumentId,
    string Scope,
    long Revision,
    string? Text,
    IReadOnlyList<LiveEvent> Ops,
    bool CanEdit,
    PresenceSnapshot Presence);
