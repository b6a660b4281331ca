namespace Collab.Web;

/// <summary>How the web node reaches the grains (section <c>Collab:Web</c>).</summary>
public sealed class CollabWebOptions
{
    public const string Section = "Collab:Web";

    /// <summary>
    /// True (single node): the silo runs in this process. False (cluster): this node is an Orleans client of
    /// the silos found through the PostgreSQL membership table.
    /// </summary>
    public bool CoHostSilo { get; set; } = true;
}
