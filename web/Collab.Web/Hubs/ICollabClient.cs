using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Threads;

namespace Collab.Web.Hubs;

/// <summary>What the server calls on browsers (and test clients): one method per kind of push.</summary>
public interface ICollabClient
{
    /// <summary>An event of a joined scope; per scope, seq increases by one from event to event.</summary>
    Task Event(LiveEvent liveEvent);

    /// <summary>Everyone live in a joined scope, sent whole whenever it changes.</summary>
    Task Presence(PresenceSnapshot presence);

    /// <summary>
    /// Another connection's cursor or selection in an open document, at the revision it names. A client that has
    /// applied more operations moves the positions over them with transformPosition (as it moves its own cursor);
    /// one that has applied fewer holds the cursor until it catches up. A cursor whose connection leaves the
    /// document's presence is gone.
    /// </summary>
    Task Cursor(CursorUpdate cursor);

    /// <summary>
    /// The member may no longer read a scope this connection joined (they left the circle, were removed, or it
    /// became invite-only): the connection is out of the scope, and nothing of it follows this message. Joining it
    /// again answers the same refusal, or lets the member back in once they may read it again.
    /// </summary>
    Task Revoked(ScopeRevoked revoked);

    /// <summary>
    /// A joined dashboard's figures now, about once a second while anyone watches. Not an event: it has no seq and
    /// nothing replays it; each one replaces the last (joining answers the figures as they are).
    /// </summary>
    Task Activity(ActivitySnapshot activity);

    /// <summary>
    /// In a joined circle, one of its threads (its own or a project's) has a new comment count and last activity.
    /// No seq and no replay: a list read again (on joining) is current, and each push replaces what it says of the thread.
    /// </summary>
    Task ThreadActivity(ThreadActivity activity);

    /// <summary>
    /// This web node is stopping: reconnect (a load balancer sends the new connection to another node) and join
    /// again with the last seqs seen. The node accepts no new connection meanwhile and closes this one soon.
    /// </summary>
    Task Draining();

    /// <summary>
    /// This new connection is refused (the member has as many connections open as allowed, across every node) and
    /// is closed right after this message. Retrying at once gets the same answer: connect again once one of the
    /// member's other connections has closed.
    /// </summary>
    Task Refused(ConnectionRefused refusal);
}
