namespace Collab.Web.Apis.Requests;

public sealed record RemoveMemberRequest(string? Reason);
