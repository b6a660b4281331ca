namespace Collab.Web.Apis.Requests;

/// <summary>A partial update: a null member leaves that part as it is.</summary>
public sealed record UpdateProfileRequest(string? Handle, string? DisplayName);
