namespace Collab.Web.Apis.Requests;

public sealed record InviteRequest(string MemberId);
