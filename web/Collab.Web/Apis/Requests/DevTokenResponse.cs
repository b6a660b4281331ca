namespace Collab.Web.Apis.Requests;

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt, Collab.Grains.Abstractions.Members.MemberView Member);
