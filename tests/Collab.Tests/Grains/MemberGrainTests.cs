using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class MemberGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Signing_in_with_a_known_handle_returns_the_same_member()
    {
        var handle = $"h{Guid.NewGuid():N}"[..16];

        var first = await Grains.GetGrain<IHandleGrain>(handle).RegisterOrGet("Ana");
        var again = await Grains.GetGrain<IHandleGrain>(handle).RegisterOrGet("Someone else");

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("Ana", again.DisplayName);
    }

    [Fact]
    public async Task Taking_a_handle_that_is_already_taken_is_a_conflict_and_keeps_both_profiles()
    {
        var takenHandle = $"h{Guid.NewGuid():N}"[..16];
        var ana = await Grains.GetGrain<IHandleGrain>(takenHandle).RegisterOrGet("Ana");
        var ben = await Grains.GetGrain<IHandleGrain>($"h{Guid.NewGuid():N}"[..16]).RegisterOrGet("Ben");

        var error = await Assert.ThrowsAsync<CollabException>(() =>
            Grains.GetGrain<IMemberGrain>(ben.Id).UpdateProfile(ben.Id, takenHandle.ToUpperInvariant(), "Ben B"));

        Assert.Equal(CollabErrorKind.Conflict, error.Kind);
        Assert.Equal(ben, await Grains.GetGrain<IMemberGrain>(ben.Id).Get() with { Circles = ben.Circles });
        Assert.Equal(ana.Id, await Grains.GetGrain<IHandleGrain>(takenHandle).Owner());
    }

    [Fact]
    public async Task Changing_the_handle_frees_the_old_one()
    {
        var oldHandle = $"h{Guid.NewGuid():N}"[..16];
        var newHandle = $"h{Guid.NewGuid():N}"[..16];
        var ana = await Grains.GetGrain<IHandleGrain>(oldHandle).RegisterOrGet("Ana");

        var updated = await Grains.GetGrain<IMemberGrain>(ana.Id).UpdateProfile(ana.Id, newHandle, null);

        Assert.Equal(newHandle, updated.Handle);
        Assert.Equal(ana.Id, await Grains.GetGrain<IHandleGrain>(newHandle).Owner());
        Assert.Null(await Grains.GetGrain<IHandleGrain>(oldHandle).Owner());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("has space")]
    [InlineData("<script>")]
    [InlineData("robert'); drop table--")]
    public async Task Malformed_handles_are_refused(string handle)
    {
        var error = await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<IHandleGrain>(handle).RegisterOrGet("X"));

        Assert.Equal((CollabErrorKind.Invalid, "handle"), (error.Kind, error.Field));
    }

    [Fact]
    public async Task Members_read_only_their_own_inbox()
    {
        var ana = await fixture.NewMember();
        var ben = await fixture.NewMember();

        var error = await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<IMemberGrain>(ana).GetInbox(ben, null, 10));

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
    }
}
