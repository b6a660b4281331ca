namespace Collab.Web.Apis.Requests;

public sealed record AddContributorRequest(string MemberId);
