namespace Collab.Web.Extensions;

/// <summary>Which other web origins may call the API and the hub from a browser (section <c>Collab:Cors</c>).</summary>
public sealed class CollabCorsOptions
{
    public const string Section = "Collab:Cors";
    public const string PolicyName = "collab";

    /// <summary>Exact origins such as https://learningplanet.example; empty means same-origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
