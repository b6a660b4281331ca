namespace Collab.Grains.Abstractions.Circles;

[GenerateSerializer, Alias("collab.circle-visibility")]
public enum CircleVisibility
{
    /// <summary>Anyone signed in may read and join.</summary>
    Open = 0,
    /// <summary>Only members read it; joining needs an invitation from an owner or moderator.</summary>
    InviteOnly = 1,
}
