namespace Collab.Web.Apis.Requests;

public sealed record RenameThreadRequest(string Title);
