namespace Collab.Grains;

/// <summary>Input limits the grains enforce (section <c>Collab:Limits</c>); the same for every entry point.</summary>
public sealed class CollabLimitsOptions
{
    public const string Section = "Collab:Limits";

    /// <summary>Circle names, project titles and thread titles.</summary>
    public int NameMaxLength { get; set; } = 120;
    public int DescriptionMaxLength { get; set; } = 2_000;
    public int CommentMaxLength { get; set; } = 10_000;
    public int DisplayNameMaxLength { get; set; } = 80;
    public int TagMaxLength { get; set; } = 40;
    public int MaxTags { get; set; } = 20;
    public int PageMaxSize { get; set; } = 200;

    /// <summary>Mentions beyond this many in one comment are left as plain text, so one comment cannot spam a circle.</summary>
    public int MaxMentionsPerComment { get; set; } = 20;
}
