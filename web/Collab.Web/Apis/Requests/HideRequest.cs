namespace Collab.Web.Apis.Requests;

public sealed record HideRequest(string? Reason);
