namespace Collab.Web.Apis.Requests;

/// <summary>Sign in with the development issuer: the member with this handle, created on first use.</summary>
public sealed record DevTokenRequest(string Handle, string? DisplayName);
