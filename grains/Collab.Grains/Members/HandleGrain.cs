using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Validation;

namespace Collab.Grains.Members;

public sealed class HandleGrain(
    [PersistentState("handle", CollabStorage.Name)] IPersistentState<HandleState> state) : Grain, IHandleGrain
{
    private string Handle => this.GetPrimaryKeyString();

    public async Task<MemberView> RegisterOrGet(string displayName)
    {
        EnsureValidHandle();
        var member = GrainFactory.GetGrain<IMemberGrain>(state.State.MemberId ?? NewId.For("m"));
        if (state.State.MemberId is not null) return await member.Get();

        var view = await member.Register(Handle, displayName);
        state.State.MemberId = view.Id;
        await state.WriteStateAsync();
        return view;
    }

    public async Task<string> Claim(string memberId)
    {
        EnsureValidHandle();
        if (state.State.MemberId is { } holder) return holder;
        state.State.MemberId = memberId;
        await state.WriteStateAsync();
        return memberId;
    }

    public Task<string?> Owner() => Task.FromResult(state.State.MemberId);

    public async Task Release(string memberId)
    {
        if (state.State.MemberId != memberId) return;
        state.State.MemberId = null;
        await state.ClearStateAsync();
    }

    private void EnsureValidHandle()
    {
        if (Input.Handle(Handle) != Handle) throw CollabException.Invalid("handle", "'handle' must be in lower case.");
    }
}
