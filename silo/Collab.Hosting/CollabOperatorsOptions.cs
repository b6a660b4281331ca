namespace Collab.Hosting;

/// <summary>Who runs the platform and what they get (section <c>Collab:Operators</c>).</summary>
public sealed class CollabOperatorsOptions
{
    public const string Section = "Collab:Operators";

    /// <summary>
    /// Member ids, or handles written with a leading <c>@</c> (whoever holds that handle now, so name only handles
    /// that are taken). People signed in by an OpenID Connect authority can instead carry the claim
    /// <c>collab_role=operator</c>.
    /// </summary>
    public List<string> Members { get; set; } = [];

    /// <summary>
    /// The Orleans dashboard: silos collect its statistics and web nodes serve it to operators at
    /// <see cref="DashboardPath"/>. Silos and web nodes must agree: a web node's dashboard asks the silos for them.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    public string DashboardPath { get; set; } = "/dashboard";
}
