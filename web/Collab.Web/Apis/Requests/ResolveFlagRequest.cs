namespace Collab.Web.Apis.Requests;

/// <param name="Resolution">What was done, for the audit: for example "hidden", "dismissed".</param>
public sealed record ResolveFlagRequest(string Resolution);
