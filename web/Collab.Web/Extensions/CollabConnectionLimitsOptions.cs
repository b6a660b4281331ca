namespace Collab.Web.Extensions;

/// <summary>
/// Limits that protect a web node and everyone on it from one client (section <c>Collab:Connections</c>).
/// Each breach is refused with a clear error and logged; it never affects another connection.
/// </summary>
public sealed class CollabConnectionLimitsOptions
{
    public const string Section = "Collab:Connections";

    /// <summary>Largest HTTP request body; a 10,000-character comment needs about 40 KB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest SignalR message from a client: room for a pasted insert of 100,000 code points (up to 400 KB of
    /// UTF-8), so an over-long paste gets the document's own clear error instead of a closed connection.
    /// </summary>
    public long MaxHubMessageBytes { get; set; } = 512 * 1024;

    /// <summary>Sustained hub invocations per second per connection (a token bucket refilled at this rate).</summary>
    public int CommandsPerSecond { get; set; } = 20;

    /// <summary>Hub invocations a connection may burst above the sustained rate.</summary>
    public int CommandBurst { get; set; } = 60;

    /// <summary>Sustained HTTP writes (POST, PUT, PATCH, DELETE) per second per member.</summary>
    public int HttpWritesPerSecond { get; set; } = 10;
    public int HttpWriteBurst { get; set; } = 40;

    public int MaxJoinedScopesPerConnection { get; set; } = 100;

    /// <summary>
    /// Open hub connections per member (tabs, devices) across every web node of the cluster; the member's
    /// connections grain counts them, and a dead node's connections stop counting after the presence timeout.
    /// </summary>
    public int MaxConnectionsPerMember { get; set; } = 20;
}
