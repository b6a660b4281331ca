using System.Threading.Channels;
using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Live;

/// <summary>
/// The circle events this node's relay forwarded that may take away someone's right to read (see
/// <see cref="AccessChangeKinds"/>), queued for <see cref="AccessWatch"/>, and a version that moves with each.
/// The version closes the window between a grain letting a connection in and the node recording it: a join
/// that sees the version move meanwhile asks the grain again (<see cref="ConnectionScopes.Enter"/>).
/// </summary>
public sealed class AccessChanges
{
    private readonly Channel<ScopeEvent> _pending = Channel.CreateUnbounded<ScopeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Queues the event if it is a circle's change of access; the version moves before anyone can look it up.</summary>
    public void Observe(ScopeEvent scopeEvent)
    {
        if (!Scopes.TryParse(scopeEvent.Scope, out var kind, out _) || kind != Scopes.Circle) return;
        if (!AccessChangeKinds.IsAboutOneMember(scopeEvent.Kind) && !AccessChangeKinds.IsAboutEveryone(scopeEvent.Kind)) return;
        Interlocked.Increment(ref _version);
        _pending.Writer.TryWrite(scopeEvent);
    }

    /// <summary>
    /// The relay began listening to a circle afresh: it forwards only what the circle logs from now on, so a
    /// change logged just before is never observed, and joins admitted before it must be checked again.
    /// </summary>
    public void CircleSubscriptionStarted() => Interlocked.Increment(ref _version);

    public IAsyncEnumerable<ScopeEvent> ReadAllAsync(CancellationToken cancellationToken) => _pending.Reader.ReadAllAsync(cancellationToken);
}
