namespace Collab.Web.Apis.Requests;

public sealed record CreateThreadRequest(string Title);
