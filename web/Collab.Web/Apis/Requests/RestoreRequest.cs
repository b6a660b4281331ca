namespace Collab.Web.Apis.Requests;

/// <param name="Revision">The revision whose text becomes the current text again.</param>
/// <param name="ClientOpId">Client-generated; a retry with the same id restores once. A fresh id is used when absent.</param>
public sealed record RestoreRequest(long Revision, string? ClientOpId);
