namespace Collab.Grains.Abstractions.Documents;

/// <summary>Why a passage is flagged, as it travels on the wire and sits in the circle's <c>flags</c> rows.</summary>
public static class FlagReasons
{
    public const string Spam = "spam";
    public const string Harassment = "harassment";
    public const string OffTopic = "off-topic";
    public const string Safeguarding = "safeguarding";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Spam, Harassment, OffTopic, Safeguarding, Other];
}
