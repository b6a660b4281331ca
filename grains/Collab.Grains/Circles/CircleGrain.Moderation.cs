using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Moderation;
using Collab.Grains.Storage;
using Collab.Grains.Validation;

namespace Collab.Grains.Circles;

/// <summary>The circle's moderation of its members: removal and bans, mutes, the posting policy, approved held posts.</summary>
public sealed partial class CircleGrain
{
    public async Task RemoveMember(string actorId, string memberId, string? reason, bool ban = false)
    {
        var actorRole = await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can remove members.");
        var why = Input.OptionalText("reason", reason, limits.Value.DescriptionMaxLength);
        if (memberId == actorId) throw CollabException.Invalid("memberId", "To remove yourself, leave the circle.");
        var role = await TargetRole(memberId, actorRole, "remove");
        if (role == CircleRole.Owner && S.OwnerCount == 1)
            throw CollabException.Conflict("A circle needs at least one owner.");
        var removed = new MemberRemoved(memberId, role, why, ban);
        var seq = _journal.Version + 1;
        IReadOnlyList<RowChange> extra = ban ? [RowChange.Upsert(Scope, CircleRows.Banned, memberId, seq, new MemberUnbanned(memberId))] : [];
        await RemoveRows(removed, actorId, memberId, [.. extra, Audit(actorId, ban ? "member.banned" : "member.removed", $"member:{memberId}", why, seq)]);
        if (ban) _access.Set(memberId, new Access(null, false, true));
    }

    public async Task Unban(string actorId, string memberId)
    {
        await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can lift a ban.");
        if (!(await _access.Get(memberId)).Banned) return;
        await Append(new MemberUnbanned(memberId), actorId, RowChange.Delete(Scope, CircleRows.Banned, memberId),
            Audit(actorId, "member.unbanned", $"member:{memberId}", null, _journal.Version + 1));
        _access.Set(memberId, Access.None);
    }

    public async Task SetPolicy(string actorId, CirclePolicy policy)
    {
        await RequireRole(actorId, CircleRole.Owner, "Only owners can change how the circle is protected.");
        if (policy.PostLimit is < 1 or > 1000) throw CollabException.Invalid("postLimit", "'postLimit' must be between 1 and 1000.");
        if (policy.PostWindow < TimeSpan.FromSeconds(1) || policy.PostWindow > TimeSpan.FromHours(24))
            throw CollabException.Invalid("postWindow", "'postWindow' must be between 1 second and 24 hours.");
        if (policy.HoldFirstPosts is < 0 or > 100) throw CollabException.Invalid("holdFirstPosts", "'holdFirstPosts' must be between 0 and 100.");
        // Holding starts now: members who joined before the setting are not new members.
        var holdSince = policy.HoldFirstPosts == 0 ? null : S.Policy.HoldFirstPosts > 0 ? S.Policy.HoldSince : time.UtcNowMicros();
        var changed = policy with { HoldSince = holdSince };
        if (changed == S.Policy) return;
        await Append(new PolicyChanged(changed), actorId,
            Audit(actorId, "circle.policy-changed", $"circle:{Id}", null, _journal.Version + 1));
    }

    public async Task<CircleMember> Mute(string actorId, string memberId, TimeSpan duration, string? reason)
    {
        var actorRole = await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can mute members.");
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(365))
            throw CollabException.Invalid("duration", "'duration' must be more than zero and at most 365 days.");
        var why = Input.OptionalText("reason", reason, limits.Value.DescriptionMaxLength);
        await TargetRole(memberId, actorRole, "mute");
        var until = time.UtcNowMicros() + duration;
        return await ChangeMember(memberId, m => m with { MutedUntil = until }, new MemberMuted(memberId, until, why), actorId,
            Audit(actorId, "member.muted", $"member:{memberId}", why, _journal.Version + 1));
    }

    public async Task<CircleMember> Unmute(string actorId, string memberId)
    {
        await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can unmute members.");
        var member = (await _access.Get(memberId)).Member ?? throw CollabException.NotFound($"Member '{memberId}' is not in this circle.");
        if (member.MutedUntil is null) return member;
        return await ChangeMember(memberId, m => m with { MutedUntil = null }, new MemberUnmuted(memberId), actorId,
            Audit(actorId, "member.unmuted", $"member:{memberId}", null, _journal.Version + 1));
    }

    public async Task<PostingRights> PostingRightsOf(string memberId)
    {
        await EnsureExists();
        var member = (await _access.Get(memberId)).Member;
        var muted = member?.MutedUntil is { } until && until > time.GetUtcNow() ? until : (DateTimeOffset?)null;
        var hold = member is { Role: CircleRole.Member } && S.Policy.HoldFirstPosts > 0 && S.Policy.HoldSince is { } since
            && member.JoinedAt >= since && member.ApprovedPosts < S.Policy.HoldFirstPosts;
        return new PostingRights(member?.Role, muted, hold, S.Policy.PostLimit, S.Policy.PostWindow);
    }

    public async Task RecordApprovedPost(string actorId, string memberId, string threadId, long commentId)
    {
        await RequireRole(actorId, CircleRole.Moderator, "Only owners and moderators can approve held posts.");
        if ((await _access.Get(memberId)).Member is null) return;
        await ChangeMember(memberId, m => m with { ApprovedPosts = m.ApprovedPosts + 1 }, new PostApproved(memberId, commentId, threadId), actorId);
    }

    /// <summary>Moderators act on members only; owners on anyone. Answers the target's role.</summary>
    private async Task<CircleRole> TargetRole(string memberId, CircleRole actorRole, string what)
    {
        var role = (await _access.Get(memberId)).Role ?? throw CollabException.NotFound($"Member '{memberId}' is not in this circle.");
        if (role >= actorRole && actorRole != CircleRole.Owner)
            throw CollabException.Forbidden($"Moderators can {what} members only; ask an owner.");
        return role;
    }

    /// <summary>Rewrites one member row (keeping its place in the list) with the event that changes it.</summary>
    private async Task<CircleMember> ChangeMember(string memberId, Func<CircleMember, CircleMember> change, object evt, string actorId, params RowChange[] extra)
    {
        var row = await Events.GetRowAsync(Scope, CircleRows.Members, memberId) ?? throw CollabException.NotFound($"Member '{memberId}' is not in this circle.");
        var changed = change(row.Read<CircleMember>());
        await Append(evt, actorId, [CircleRows.Member(Id, changed, row.Position), .. extra]);
        _access.Set(memberId, new Access(changed, false, false));
        return changed;
    }

    private RowChange Audit(string actorId, string action, string target, string? reason, long seq) =>
        AuditRows.For(Id, new AuditEntry(time.UtcNowMicros(), actorId, action, target, string.IsNullOrEmpty(reason) ? null : reason), Scope, seq);
}
