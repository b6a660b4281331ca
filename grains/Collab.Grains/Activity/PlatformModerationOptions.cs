namespace Collab.Grains.Activity;

/// <summary>Who moderates the whole platform (section <c>Collab:Moderation</c>): they may watch every circle's activity.</summary>
public sealed class PlatformModerationOptions
{
    public const string Section = "Collab:Moderation";

    /// <summary>
    /// Member ids, or handles written with a leading <c>@</c> (whoever holds that handle now, so name only handles
    /// that are taken). People signed in by an OpenID Connect authority can instead carry the claim
    /// <c>collab_role=platform-moderator</c>.
    /// </summary>
    public List<string> PlatformModerators { get; set; } = [];
}
