using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Hubs;

/// <summary>What the server calls on browsers (and test clients): one method per kind of push.</summary>
public interface ICollabClient
{
    /// <summary>An event of a joined scope; per scope, seq increases by one from event to event.</summary>
    Task Event(LiveEvent liveEvent);

    /// <summary>Everyone live in a joined scope, sent whole whenever it changes.</summary>
    Task Presence(PresenceSnapshot presence);
}
