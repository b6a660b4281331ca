namespace Collab.Web.Apis.Requests;

public sealed record EditCommentRequest(string Text);
