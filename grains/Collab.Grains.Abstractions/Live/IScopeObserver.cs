using Collab.Grains.Abstractions.Activity;
using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Live;

/// <summary>A web node listening to scopes; one observer per node, however many browsers it serves.</summary>
[Alias("collab.scope-observer")]
public interface IScopeObserver : IGrainObserver
{
    [OneWay, Alias("on-event")] Task OnEvent(ScopeEvent scopeEvent);
    [OneWay, Alias("on-presence")] Task OnPresence(PresenceSnapshot presence);
    [OneWay, Alias("on-cursor")] Task OnCursor(CursorUpdate cursor);
    [OneWay, Alias("on-activity")] Task OnActivity(ActivitySnapshot activity);
    [OneWay, Alias("on-thread-activity")] Task OnThreadActivity(Threads.ThreadActivity activity);
}
