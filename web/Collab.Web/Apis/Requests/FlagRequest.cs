using Collab.Grains.Abstractions.Moderation;

namespace Collab.Web.Apis.Requests;

public sealed record FlagRequest(FlagReason Reason, string? Note);
