using System.Text.Json;
using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Hubs;

/// <summary>An event as browsers receive it: the payload is real JSON, not a string to parse twice.</summary>
public sealed record LiveEvent(string Scope, long Seq, string Kind, JsonElement Payload, string ActorId, DateTimeOffset At)
{
    public static LiveEvent From(ScopeEvent e) =>
        new(e.Scope, e.Seq, e.Kind, JsonDocument.Parse(e.Payload).RootElement.Clone(), e.ActorId, e.At);
}
