namespace Collab.Hosting;

/// <summary>How a silo joins its cluster (section <c>Collab:Cluster</c>).</summary>
public sealed class CollabClusterOptions
{
    public const string Section = "Collab:Cluster";

    /// <summary>Silos and clients with the same ClusterId in the same database form one cluster.</summary>
    public string ClusterId { get; set; } = "collab";

    /// <summary>Stays the same across deployments: grain state is keyed by it.</summary>
    public string ServiceId { get; set; } = "collab";

    /// <summary>
    /// The address other silos and clients reach this silo at; empty means this machine's first network
    /// address (Orleans' default). Tests and the local cluster use 127.0.0.1 so nothing leaves loopback.
    /// </summary>
    public string? AdvertisedIp { get; set; }

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Running in a Kubernetes pod: Orleans' Kubernetes hosting takes the silo's name, address and cluster ids from the
    /// pod (POD_NAME, POD_IP, POD_NAMESPACE, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID) and removes from membership the
    /// silos whose pods are gone. Membership itself stays in PostgreSQL.
    /// </summary>
    public bool Kubernetes { get; set; }
}
