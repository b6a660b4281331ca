namespace Collab.Tests.Security;

/// <summary>
/// What the access sweep aims at: real, existing resources of one invite-only circle, so that a call made with
/// them is valid and only the caller's rights can refuse it.
/// </summary>
/// <param name="Circle">An invite-only circle.</param>
/// <param name="Thread">A thread of the circle.</param>
/// <param name="Comment">A comment in the thread (written by whoever may edit it).</param>
/// <param name="Project">A project of the circle; its document has the same id and at least one revision.</param>
/// <param name="Member">A plain member of the circle (not an owner), whose role may change.</param>
/// <param name="MemberHandle">That member's handle.</param>
/// <param name="Outsider">A member who exists but is not in the circle (to invite).</param>
/// <param name="OpenCircle">An open circle anyone may join.</param>
public sealed record SweepTargets(
    string Circle, string Thread, long Comment, string Project, string Member, string MemberHandle, string Outsider, string OpenCircle);
