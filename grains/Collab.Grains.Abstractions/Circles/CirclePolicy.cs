namespace Collab.Grains.Abstractions.Circles;

/// <summary>How a circle protects its conversations; set by its owners.</summary>
/// <param name="PostLimit">Comments one member may post in the circle within <paramref name="PostWindow"/>.</param>
/// <param name="HoldFirstPosts">
/// For circles of young learners: the first this many posts of a member who joined after the setting was turned on
/// (<paramref name="HoldSince"/>) wait for a moderator's approval, visible only to their author and moderators. 0: off.
/// </param>
[GenerateSerializer, Alias("collab.circle-policy")]
public sealed record CirclePolicy(
    [property: Id(0)] int PostLimit,
    [property: Id(1)] TimeSpan PostWindow,
    [property: Id(2)] int HoldFirstPosts,
    [property: Id(3)] DateTimeOffset? HoldSince = null)
{
    public static readonly CirclePolicy Default = new(10, TimeSpan.FromSeconds(30), 0);
}
