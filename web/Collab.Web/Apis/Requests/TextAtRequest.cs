namespace Collab.Web.Apis.Requests;

/// <param name="Revision">0 (the empty document) up to the current revision; the current text when absent.</param>
public sealed record TextAtRequest(long? Revision);
