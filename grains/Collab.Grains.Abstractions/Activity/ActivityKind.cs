namespace Collab.Grains.Abstractions.Activity;

/// <summary>What a domain grain reports to the activity grains: one thing that happened in a circle.</summary>
[GenerateSerializer, Alias("collab.activity-kind")]
public enum ActivityKind
{
    CommentPosted = 0,
    DocumentEdited = 1,
    MemberJoined = 2,
    FlagOpened = 3,
    FlagResolved = 4,
    PostHeld = 5,
    PostReleased = 6,
}
