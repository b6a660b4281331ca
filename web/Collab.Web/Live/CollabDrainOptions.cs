namespace Collab.Web.Live;

/// <summary>How a web node leaves when it is stopped (section <c>Collab:Drain</c>); see <see cref="HubDrain"/>.</summary>
public sealed class CollabDrainOptions
{
    public const string Section = "Collab:Drain";

    /// <summary>
    /// How long the node stays up unready, refusing new hub connections, before it tells its clients to go: time for a
    /// load balancer to see the readiness answer change (0 where the platform stops routing by itself, as Kubernetes
    /// does for a terminating pod).
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the node waits for its told clients to leave; SignalR closes whatever is left after it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
