using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Orleans.Core.Internal;

namespace Collab.Tests.Journal;

/// <summary>
/// The event log is the truth: whatever fails between the append and the state, the circle's state, its log,
/// its member rows and what a listening web node is pushed agree, and nothing is lost or written twice.
/// </summary>
public sealed class EventLogTruthTests(FaultyStoreClusterFixture fixture) : IClassFixture<FaultyStoreClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_append_that_fails_changes_nothing_and_the_retry_records_the_join_once()
    {
        var (circle, owner, recorder) = await NewWatchedCircle();
        var ben = await NewMember();

        fixture.Store.NextAppend = FaultyEventStore.AppendFault.BeforeWrite;
        await Assert.ThrowsAnyAsync<IOException>(() => circle.Join(ben));

        Assert.Equal(1, (await circle.Get(owner)).MemberCount);
        Assert.DoesNotContain((await circle.Members(owner, null, 50)).Items, m => m.MemberId == ben);
        Assert.DoesNotContain(circle.GetPrimaryKeyString(), (await Grains.GetGrain<IMemberGrain>(ben).Get()).Circles.Keys);
        Assert.Equal(["circle.created"], await Kinds(circle));

        await circle.Join(ben);
        await recorder.WaitFor(1);

        Assert.Equal(["circle.created", "member.joined"], await Kinds(circle));
        Assert.Equal(2, (await circle.Get(owner)).MemberCount);
        Assert.Equal([(2L, "member.joined")], recorder.Events.Select(e => (e.Seq, e.Kind)));
    }

    [Fact]
    public async Task An_append_whose_reply_was_lost_is_found_in_the_log_and_not_written_again()
    {
        var (circle, owner, recorder) = await NewWatchedCircle();
        var ben = await NewMember();

        fixture.Store.NextAppend = FaultyEventStore.AppendFault.AfterWrite;
        await Assert.ThrowsAnyAsync<IOException>(() => circle.Join(ben));
        var retried = await circle.Join(ben);

        Assert.Equal((CircleRole.Member, 2), (retried.ViewerRole, retried.MemberCount));
        Assert.Equal(["circle.created", "member.joined"], await Kinds(circle));
        Assert.Equal(CircleRole.Member, (await Grains.GetGrain<IMemberGrain>(ben).Get()).Circles[circle.GetPrimaryKeyString()]);
        await recorder.WaitFor(1);
        Assert.Equal(["member.joined"], recorder.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Failed_snapshots_lose_nothing_and_a_new_activation_replays_the_log()
    {
        var (circle, owner, recorder) = await NewWatchedCircle();
        var members = new List<string>();
        fixture.Store.FailSnapshots = true;
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var member = await NewMember();
                await circle.Join(member);
                members.Add(member);
            }
            await circle.Leave(members[0]);
        }
        finally
        {
            fixture.Store.FailSnapshots = false;
        }

        await Deactivate(circle);
        var reloaded = await circle.Get(owner);

        Assert.Equal(5, reloaded.MemberCount);
        Assert.Equal(5, (await circle.Members(owner, null, 50)).Items.Count);
        Assert.Null(await circle.RoleOf(members[0]));
        await recorder.WaitFor(6);
        Assert.Equal([2L, 3, 4, 5, 6, 7], recorder.Events.Select(e => e.Seq).Order());
    }

    [Fact]
    public async Task Snapshots_and_replay_rebuild_the_same_state_after_reactivation()
    {
        var (circle, owner, _) = await NewWatchedCircle();
        for (var i = 0; i < 7; i++) await circle.Join(await NewMember());
        await circle.Update(owner, new UpdateCircle("Renamed circle", "Now with a description", CircleVisibility.InviteOnly));
        var before = await circle.Get(owner);

        await Deactivate(circle);

        Assert.Equal(before, await circle.Get(owner));
        Assert.Equal((8, "Renamed circle", CircleVisibility.InviteOnly), (before.MemberCount, before.Name, before.Visibility));
    }

    private async Task<(ICircleGrain Circle, string Owner, ScopeEventRecorder Recorder)> NewWatchedCircle()
    {
        var owner = await NewMember();
        var circle = Grains.GetGrain<ICircleGrain>($"c-{Guid.NewGuid():N}"[..18]);
        await circle.Create(owner, new CreateCircle("Faulty storage", "", CircleVisibility.Open));
        var recorder = new ScopeEventRecorder(afterSeq: 1);
        var reference = Grains.CreateObjectReference<IScopeObserver>(recorder);
        await Grains.GetGrain<IScopeFeedGrain>(Scopes.Of(Scopes.Circle, circle.GetPrimaryKeyString())).Subscribe(reference);
        return (circle, owner, recorder);
    }

    private async Task<string> NewMember() =>
        (await Grains.GetGrain<IHandleGrain>($"m{Guid.NewGuid():N}"[..20]).RegisterOrGet("Member")).Id;

    private async Task<List<string>> Kinds(ICircleGrain circle)
    {
        var feed = Grains.GetGrain<IScopeFeedGrain>(Scopes.Of(Scopes.Circle, circle.GetPrimaryKeyString()));
        return (await feed.Read(0, 100)).Select(e => e.Kind).ToList();
    }

    /// <summary>The next call reaches a new activation, which loads the latest snapshot and replays the events after it.</summary>
    private static async Task Deactivate(ICircleGrain circle) => await circle.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
}
