namespace Collab.Web.Apis.Requests;

/// <summary>Paging of a list that grows with use: items after the cursor <see cref="After"/> (a page's <c>next</c>), at most <see cref="Limit"/>.</summary>
public sealed record CursorPageRequest(string? After = null, int Limit = 50);
