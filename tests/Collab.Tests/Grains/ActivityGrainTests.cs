using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ActivityGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static ActivityReport Comments(string circleId, int count) => new(circleId, ActivityKind.CommentPosted, count, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_circle_counts_its_reports_and_forwards_them_to_all_circles()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var activity = Grains.GetGrain<IActivityGrain>(circleId);

        await activity.Report(Comments(circleId, 3));
        await activity.Report(new ActivityReport(circleId, ActivityKind.FlagOpened, 2, DateTimeOffset.UtcNow));
        await activity.Report(new ActivityReport(circleId, ActivityKind.FlagResolved, 1, DateTimeOffset.UtcNow));

        // One-way calls: read until they are in.
        var circle = await Eventually(async () => await activity.Get(owner, false) is { CommentsPerMinute: 3, OpenFlags: 1 } s ? s : null);
        Assert.NotNull(circle);
        Assert.Equal((3, 1, $"dashboard:{circleId}"), (circle.CommentsPerMinute, circle.OpenFlags, circle.Scope));
        Assert.Equal(3, circle.CommentsSeries[^1]);
        Assert.Empty(circle.Circles);
        var platformModerator = (await Grains.GetGrain<IHandleGrain>(GrainClusterFixture.PlatformModeratorHandle).RegisterOrGet("Platform")).Id;
        var row = await Eventually(async () => (await Grains.GetGrain<IActivityGrain>(IActivityGrain.All).Get(platformModerator, false))
            .Circles.SingleOrDefault(c => c.CircleId == circleId && c.CommentsPerMinute == 3 && c.OpenFlags == 1));
        Assert.NotNull(row);
    }

    [Fact]
    public async Task Members_live_come_from_the_circle_presence_and_add_up_across_circles()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var presence = Grains.GetGrain<IPresenceGrain>(Scopes.Of(Scopes.Circle, circleId));
        await presence.Report("node-a", [Entry("c1", "ana"), Entry("c2", "ana"), Entry("c3", "ben")]);

        var live = await Eventually(async () => (await Grains.GetGrain<IActivityGrain>(circleId).Get(owner, false)).MembersLive == 2);
        Assert.True(live);
        var platformModerator = (await Grains.GetGrain<IHandleGrain>(GrainClusterFixture.PlatformModeratorHandle).RegisterOrGet("Platform")).Id;
        Assert.True(await Eventually(async () => (await Grains.GetGrain<IActivityGrain>(IActivityGrain.All).Get(platformModerator, false))
            .Circles.Any(c => c.CircleId == circleId && c.MembersLive == 2)));
        await presence.Report("node-a", []);
    }

    [Fact]
    public async Task Only_moderators_and_owners_may_watch_a_circle_and_only_platform_moderators_all_circles()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var member = await fixture.NewMember();
        var moderator = await fixture.NewMember();
        var outsider = await fixture.NewMember();
        var circle = Grains.GetGrain<ICircleGrain>(circleId);
        await circle.Join(member);
        await circle.Join(moderator);
        await circle.ChangeRole(owner, moderator, CircleRole.Moderator);
        var activity = Grains.GetGrain<IActivityGrain>(circleId);
        var all = Grains.GetGrain<IActivityGrain>(IActivityGrain.All);

        await activity.Get(owner, false);
        await activity.Get(moderator, false);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => activity.Get(member, false))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => activity.Get(outsider, true))).Kind);
        Assert.Equal(CollabErrorKind.NotFound,
            (await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<IActivityGrain>("c-nothing-here").Get(owner, false))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => all.Get(owner, false))).Kind);
        await all.Get(owner, true);
        var platformModerator = (await Grains.GetGrain<IHandleGrain>(GrainClusterFixture.PlatformModeratorHandle).RegisterOrGet("Platform")).Id;
        await all.EnsureCanWatch(platformModerator, false);
    }

    private static PresenceEntry Entry(string connection, string member) => new(connection, member, member, PresenceActivity.Viewing, "thread:t");

    /// <summary>Forwarded one-way calls arrive a little later; asks again until <paramref name="read"/> has it (generous deadline).</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow + HubClient.Patience;
        while (true)
        {
            var value = await read();
            if (value is true || (value is not null && value is not bool) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }
}
