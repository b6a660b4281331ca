using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Live;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Members;

public sealed class MemberGrain(
    [PersistentState("member", CollabStorage.Name)] IPersistentState<MemberState> state,
    IEventStore events,
    IOptions<CollabLimitsOptions> limits,
    TimeProvider time) : Grain, IMemberGrain
{
    public const string MentionKind = "inbox.mention";

    private ScopeLog _log = null!;

    private MemberState S => state.State;
    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new ScopeLog(Scopes.Of(Scopes.Member, Id), events, GrainFactory, time);
        return _log.LoadAsync(cancellationToken);
    }

    public async Task<MemberView> Register(string handle, string displayName)
    {
        if (state.RecordExists) throw CollabException.Conflict($"Member '{Id}' already exists.");
        S.Handle = handle;
        S.DisplayName = Input.RequiredText("displayName", displayName, limits.Value.DisplayNameMaxLength);
        S.CreatedAt = time.UtcNowMicros();
        await state.WriteStateAsync();
        return View();
    }

    public async Task<MemberView> EnsureRegistered(string preferredHandle, string displayName)
    {
        if (state.RecordExists) return View();
        var wanted = new string(preferredHandle.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(30).ToArray());
        var fallback = $"user_{Id.Replace("-", "")[..Math.Min(12, Id.Length - 1)]}".ToLowerInvariant();
        foreach (var handle in new[] { wanted, fallback }.Where(Input.IsHandle))
        {
            if (await GrainFactory.GetGrain<IHandleGrain>(handle).Claim(Id) != Id) continue;
            var name = string.IsNullOrWhiteSpace(displayName) ? handle : displayName.Trim()[..Math.Min(displayName.Trim().Length, limits.Value.DisplayNameMaxLength)];
            return await Register(handle, name);
        }
        throw CollabException.Conflict($"No free handle for member '{Id}'.");
    }

    public Task<MemberView> Get()
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public Task<bool> Exists() => Task.FromResult(state.RecordExists);

    public async Task<MemberView> UpdateProfile(string actorId, string? handle, string? displayName)
    {
        EnsureExists();
        if (actorId != Id) throw CollabException.Forbidden("Members can only change their own profile.");
        var newName = displayName is null ? S.DisplayName : Input.RequiredText("displayName", displayName, limits.Value.DisplayNameMaxLength);
        var newHandle = handle is null ? S.Handle : Input.Handle(handle);

        if (newHandle != S.Handle)
        {
            var holder = await GrainFactory.GetGrain<IHandleGrain>(newHandle).Claim(Id);
            if (holder != Id) throw CollabException.Conflict($"The handle '@{newHandle}' is taken.");
            await GrainFactory.GetGrain<IHandleGrain>(S.Handle).Release(Id);
        }

        S.Handle = newHandle;
        S.DisplayName = newName;
        await state.WriteStateAsync();
        return View();
    }

    public Task<IReadOnlyList<MentionNotice>> GetInbox(string actorId)
    {
        EnsureExists();
        if (actorId != Id) throw CollabException.Forbidden("Members can only read their own inbox.");
        return Task.FromResult<IReadOnlyList<MentionNotice>>(S.Inbox.AsEnumerable().Reverse().ToList());
    }

    public async Task RecordMembership(string circleId, CircleRole? role)
    {
        if (role is { } r) S.Circles[circleId] = r;
        else if (!S.Circles.Remove(circleId)) return;
        await state.WriteStateAsync();
    }

    public async Task NotifyMention(MentionNotice notice)
    {
        if (!state.RecordExists) return;
        S.Inbox.Add(notice);
        var excess = S.Inbox.Count - limits.Value.InboxMaxSize;
        if (excess > 0) S.Inbox.RemoveRange(0, excess);
        await state.WriteStateAsync();
        // The member's own scope carries the mention live to every tab they have open.
        await _log.AppendAsync(MentionKind, notice.FromMemberId, null, CollabJson.Serialize(notice));
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw CollabException.NotFound($"Member '{Id}' not found.");
    }

    private MemberView View() => new(Id, S.Handle, S.DisplayName, new Dictionary<string, CircleRole>(S.Circles), S.CreatedAt);
}
