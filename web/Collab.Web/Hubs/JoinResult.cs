using System.Text.Json;
using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Hubs;

/// <summary>
/// What a client gets when it joins a scope: either the events it missed since the seq it sent, or, when it
/// sent 0 or is too far behind, a snapshot of the scope as of <see cref="Seq"/> (<see cref="Reset"/> true).
/// Live events with a greater seq follow.
/// </summary>
public sealed record JoinResult(string Scope, long Seq, bool Reset, JsonElement? Snapshot, IReadOnlyList<LiveEvent> Events, PresenceSnapshot? Presence);
