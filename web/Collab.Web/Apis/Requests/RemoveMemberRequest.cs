namespace Collab.Web.Apis.Requests;

/// <param name="Ban">Also bar the member from joining (or, in an open circle, reading) again until unbanned.</param>
public sealed record RemoveMemberRequest(string? Reason, bool Ban = false);
