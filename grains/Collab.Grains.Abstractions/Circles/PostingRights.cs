namespace Collab.Grains.Abstractions.Circles;

/// <summary>What a thread needs to know before a member posts: role, mute, whether to hold the post, and the limits.</summary>
/// <param name="Role">Null when not a member.</param>
[GenerateSerializer, Alias("collab.posting-rights")]
public sealed record PostingRights(
    [property: Id(0)] CircleRole? Role,
    [property: Id(1)] DateTimeOffset? MutedUntil,
    [property: Id(2)] bool Hold,
    [property: Id(3)] int PostLimit,
    [property: Id(4)] TimeSpan PostWindow);
