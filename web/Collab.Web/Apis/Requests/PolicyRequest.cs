namespace Collab.Web.Apis.Requests;

/// <param name="PostLimit">Comments one member may post within <paramref name="PostWindowSeconds"/>.</param>
/// <param name="HoldFirstPosts">Hold this many first posts of members who join from now on for review (0: off).</param>
public sealed record PolicyRequest(int PostLimit, int PostWindowSeconds, int HoldFirstPosts);
