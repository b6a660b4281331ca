namespace Collab.Tests.Infrastructure;

/// <summary>Settings of a web node with its own silo that joins the cluster <c>clusterId</c> in one PostgreSQL database.</summary>
public static class ClusterNodeSettings
{
    public static Dictionary<string, string?> For(string connectionString, string clusterId, TempFolder folder) => new()
    {
        ["Collab:Storage:Mode"] = "Postgres",
        ["Collab:Storage:PostgresConnectionString"] = connectionString,
        ["Collab:Cluster:ClusterId"] = clusterId,
        // One signing key for every node, as a deployment shares its identity provider.
        ["Collab:Auth:DevKeyPath"] = folder.File("dev-signing.key"),
        ["Collab:Auth:DevIssuer"] = "true",
    };
}
