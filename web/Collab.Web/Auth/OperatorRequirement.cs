using Microsoft.AspNetCore.Authorization;

namespace Collab.Web.Auth;

/// <summary>
/// The caller runs the platform: their sign-in carries <c>collab_role=operator</c>, or they are listed in
/// <c>Collab:Operators:Members</c> by id or by the handle they hold now. Operators are not members of any circle by
/// being operators; this guards only what is about the processes (the Orleans dashboard).
/// </summary>
public sealed class OperatorRequirement : IAuthorizationRequirement
{
    public const string Policy = "operator";
}
