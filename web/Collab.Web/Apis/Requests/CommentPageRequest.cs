namespace Collab.Web.Apis.Requests;

/// <summary>
/// Comments after <see cref="After"/> (oldest first from there), or before <see cref="Before"/> (the newest ones
/// older than it); with neither, the newest page, which is where a thread opens.
/// </summary>
public sealed record CommentPageRequest(long? After = null, long? Before = null, int Limit = 50);
