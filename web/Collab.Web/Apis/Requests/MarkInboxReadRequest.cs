namespace Collab.Web.Apis.Requests;

/// <param name="UpTo">The cursor of the newest mention read; it and everything older become read.</param>
public sealed record MarkInboxReadRequest(string UpTo);
