namespace Collab.Web.Apis.Requests;

/// <param name="Minutes">How long the member may not post in the circle.</param>
public sealed record MuteRequest(int Minutes, string? Reason);
