namespace Collab.Web.Apis.Requests;

/// <param name="UpTo">The id of the newest comment read; it and every older comment of the thread become read.</param>
public sealed record MarkThreadReadRequest(long UpTo);
