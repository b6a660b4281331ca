namespace Collab.Web.Apis.Requests;

public sealed record LockRequest(bool Locked);
