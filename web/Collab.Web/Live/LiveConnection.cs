namespace Collab.Web.Live;

/// <summary>One hub connection of this web node: whose it is, and the scopes it has joined.</summary>
public sealed class LiveConnection(string id, string memberId, string displayName)
{
    public string Id { get; } = id;
    public string MemberId { get; } = memberId;
    public string DisplayName { get; } = displayName;

    /// <summary>
    /// Held while the connection enters or leaves a scope, is put out of one, or disconnects: these steps span
    /// several awaits (group, relay, presence) and must not interleave for one connection.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Guarded by the lock of <see cref="LiveConnections"/>, which keeps its circle index in step.</summary>
    internal Dictionary<string, JoinedScope> Joined { get; } = [];

    internal bool Closed { get; set; }
}
