using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class CircleGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Creating_a_circle_makes_the_creator_its_owner_and_lists_it()
    {
        var owner = await fixture.NewMember();
        var id = $"c-{Guid.NewGuid():N}"[..18];

        var circle = await Grains.GetGrain<ICircleGrain>(id).Create(owner, new CreateCircle("  Learning for Sustainability  ", "Climate", CircleVisibility.Open));

        Assert.Equal("Learning for Sustainability", circle.Name);
        Assert.Equal((1, CircleRole.Owner), (circle.MemberCount, circle.ViewerRole));
        Assert.Equal(CircleRole.Owner, Assert.Single((await Grains.GetGrain<ICircleGrain>(id).Members(owner, null, 10)).Items).Role);
        Assert.Contains(await AllCircles(), c => c.Id == id && c.MemberCount == 1);
        Assert.Equal(CircleRole.Owner, (await Grains.GetGrain<IMemberGrain>(owner).Get()).Circles[id]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_circle_without_a_name_is_refused_and_not_created(string? name)
    {
        var owner = await fixture.NewMember();
        var grain = Grains.GetGrain<ICircleGrain>($"c-{Guid.NewGuid():N}"[..18]);

        var error = await Assert.ThrowsAsync<CollabException>(() => grain.Create(owner, new CreateCircle(name!, null, CircleVisibility.Open)));

        Assert.Equal((CollabErrorKind.Invalid, "name"), (error.Kind, error.Field));
        Assert.Equal(CollabErrorKind.NotFound, (await Assert.ThrowsAsync<CollabException>(() => grain.Get(owner))).Kind);
    }

    [Fact]
    public async Task A_name_over_120_characters_is_refused_and_not_created()
    {
        var owner = await fixture.NewMember();
        var grain = Grains.GetGrain<ICircleGrain>($"c-{Guid.NewGuid():N}"[..18]);

        var error = await Assert.ThrowsAsync<CollabException>(() => grain.Create(owner, new CreateCircle(new string('x', 121), null, CircleVisibility.Open)));

        Assert.Equal("name", error.Field);
        await Assert.ThrowsAsync<CollabException>(() => grain.Get(owner));
        Assert.Equal(120, (await grain.Create(owner, new CreateCircle(new string('x', 120), null, CircleVisibility.Open))).Name.Length);
    }

    [Fact]
    public async Task Creating_an_existing_circle_again_is_a_conflict_and_keeps_the_first()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var grain = Grains.GetGrain<ICircleGrain>(circleId);

        var error = await Assert.ThrowsAsync<CollabException>(() => grain.Create(owner, new CreateCircle("Other", null, CircleVisibility.Open)));

        Assert.Equal(CollabErrorKind.Conflict, error.Kind);
        Assert.Equal("Test circle", (await grain.Get(owner)).Name);
    }

    [Fact]
    public async Task An_invite_only_circle_is_hidden_from_and_closed_to_non_members_until_invited()
    {
        var (circleId, owner) = await fixture.NewCircle(CircleVisibility.InviteOnly);
        var stranger = await fixture.NewMember();
        var grain = Grains.GetGrain<ICircleGrain>(circleId);

        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => grain.Get(stranger))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => grain.Join(stranger))).Kind);
        Assert.Equal(1, (await grain.Get(owner)).MemberCount);

        await grain.Invite(owner, stranger);
        var joined = await grain.Join(stranger);

        Assert.Equal((2, CircleRole.Member), (joined.MemberCount, joined.ViewerRole));
        Assert.Contains((await grain.Members(owner, null, 10)).Items, m => m.MemberId == stranger && m.Role == CircleRole.Member);
    }

    [Fact]
    public async Task An_invitation_waits_in_the_invited_members_list_until_they_join_or_decline_and_declining_closes_the_circle_again()
    {
        var (circleId, owner) = await fixture.NewCircle(CircleVisibility.InviteOnly);
        var (otherCircleId, otherOwner) = await fixture.NewCircle(CircleVisibility.InviteOnly);
        var invited = await fixture.NewMember();
        var circle = Grains.GetGrain<ICircleGrain>(circleId);
        var other = Grains.GetGrain<ICircleGrain>(otherCircleId);
        var member = Grains.GetGrain<IMemberGrain>(invited);

        await circle.Invite(owner, invited);
        await other.Invite(otherOwner, invited);
        var waiting = (await member.Invitations(invited, null, 10)).Items;

        Assert.Equal([(circleId, owner), (otherCircleId, otherOwner)], waiting.Select(i => (i.CircleId, i.InvitedBy)));
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => member.Invitations(owner, null, 10))).Kind);

        await circle.DeclineInvitation(invited);
        await other.Join(invited);

        Assert.Empty((await member.Invitations(invited, null, 10)).Items);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => circle.Get(invited))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => circle.Join(invited))).Kind);
        Assert.Equal(CircleRole.Member, await other.RoleOf(invited));
        await circle.DeclineInvitation(invited);
        Assert.Equal(1, (await circle.Get(owner)).MemberCount);
    }

    [Fact]
    public async Task Members_cannot_invite_and_only_owners_change_roles()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var member = await fixture.NewMember();
        var other = await fixture.NewMember();
        var grain = Grains.GetGrain<ICircleGrain>(circleId);
        await grain.Join(member);

        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => grain.Invite(member, other))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => grain.ChangeRole(member, member, CircleRole.Owner))).Kind);
        Assert.Equal(CircleRole.Member, await grain.RoleOf(member));

        await grain.ChangeRole(owner, member, CircleRole.Moderator);
        Assert.Equal(CircleRole.Moderator, await grain.RoleOf(member));
        Assert.Equal(CircleRole.Moderator, (await Grains.GetGrain<IMemberGrain>(member).Get()).Circles[circleId]);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => grain.ChangeRole(member, other, CircleRole.Member))).Kind);
    }

    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_be_demoted()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var grain = Grains.GetGrain<ICircleGrain>(circleId);

        Assert.Equal(CollabErrorKind.Conflict, (await Assert.ThrowsAsync<CollabException>(() => grain.Leave(owner))).Kind);
        Assert.Equal(CollabErrorKind.Conflict, (await Assert.ThrowsAsync<CollabException>(() => grain.ChangeRole(owner, owner, CircleRole.Member))).Kind);
        Assert.Equal(CircleRole.Owner, await grain.RoleOf(owner));
    }

    [Fact]
    public async Task Leaving_removes_the_membership_from_the_circle_and_the_member()
    {
        var (circleId, _) = await fixture.NewCircle();
        var member = await fixture.NewMember();
        var grain = Grains.GetGrain<ICircleGrain>(circleId);
        await grain.Join(member);

        await grain.Leave(member);

        Assert.Null(await grain.RoleOf(member));
        Assert.DoesNotContain(circleId, (await Grains.GetGrain<IMemberGrain>(member).Get()).Circles.Keys);
    }

    [Fact]
    public async Task Unknown_circle_ids_are_not_found()
    {
        var member = await fixture.NewMember();

        var error = await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<ICircleGrain>("no-such-circle").Get(member));

        Assert.Equal(CollabErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_circle_id_with_path_characters_is_refused()
    {
        var owner = await fixture.NewMember();

        var error = await Assert.ThrowsAsync<CollabException>(() =>
            Grains.GetGrain<ICircleGrain>("../../etc/passwd").Create(owner, new CreateCircle("x", null, CircleVisibility.Open)));

        Assert.Equal((CollabErrorKind.Invalid, "circleId"), (error.Kind, error.Field));
    }

    private async Task<List<CircleSummary>> AllCircles()
    {
        var all = new List<CircleSummary>();
        string? after = null;
        do
        {
            var page = await Grains.GetGrain<ICircleDirectoryGrain>(0).List(after, 200);
            all.AddRange(page.Items);
            after = page.Next;
        } while (after is not null);
        return all;
    }
}
