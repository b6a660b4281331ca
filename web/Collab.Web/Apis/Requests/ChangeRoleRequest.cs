namespace Collab.Web.Apis.Requests;

public sealed record ChangeRoleRequest(Collab.Grains.Abstractions.Circles.CircleRole Role);
