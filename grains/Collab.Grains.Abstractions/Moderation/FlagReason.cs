namespace Collab.Grains.Abstractions.Moderation;

[GenerateSerializer, Alias("collab.flag-reason")]
public enum FlagReason
{
    Spam = 0,
    Harassment = 1,
    OffTopic = 2,
    Safeguarding = 3,
    Other = 4,
}
