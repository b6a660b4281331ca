namespace Collab.Web.Apis.Requests;

/// <summary>The open flags (oldest first, the order to work through them), or the resolved ones (newest first).</summary>
public sealed record FlagQueueRequest(bool Resolved = false, string? After = null, int Limit = 50);
