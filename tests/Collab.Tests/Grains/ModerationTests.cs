using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Abstractions.Threads;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

/// <summary>Every moderation action decided in the grain that owns what it acts on, with the actor's rights checked there.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ModerationTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_member_cannot_hide_and_a_moderator_of_another_circle_cannot_act_here()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await Joined(circleId);
        var (otherCircle, otherOwner) = await fixture.NewCircle();
        var outsider = await fixture.NewMember();
        await Grains.GetGrain<ICircleGrain>(otherCircle).Join(outsider);
        await Grains.GetGrain<ICircleGrain>(otherCircle).ChangeRole(otherOwner, outsider, CircleRole.Moderator);
        var comment = await thread.Post(owner, new PostComment("keep me", null, null));

        foreach (var actor in new[] { member, outsider })
        {
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => thread.Hide(actor, comment.Id, "no"))).Kind);
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => thread.SetLocked(actor, true))).Kind);
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() =>
                Grains.GetGrain<ICircleGrain>(circleId).Mute(actor, owner, TimeSpan.FromMinutes(5), null))).Kind);
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() =>
                Grains.GetGrain<IModerationGrain>(circleId).Queue(actor, false, null, 10))).Kind);
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() =>
                Grains.GetGrain<IModerationGrain>(circleId).Audit(actor, null, 10))).Kind);
        }
        Assert.Null(Assert.Single((await thread.GetComments(owner, 0, 10)).Items).HiddenAt);
    }

    [Fact]
    public async Task A_hidden_comment_is_read_only_by_its_author_and_moderators_until_restored_and_the_audit_keeps_both()
    {
        var (thread, circleId, owner) = await NewThread();
        var author = await Joined(circleId);
        var reader = await Joined(circleId);
        var comment = await thread.Post(author, new PostComment("rude words", null, null));

        var hidden = await thread.Hide(owner, comment.Id, "harassment");

        Assert.Equal(owner, hidden.HiddenBy);
        Assert.Equal("", Single(await thread.GetComments(reader, 0, 10)).Text);
        Assert.Equal("rude words", Single(await thread.GetComments(author, 0, 10)).Text);
        Assert.Equal("rude words", Single(await thread.GetComments(owner, 0, 10)).Text);
        Assert.DoesNotContain(await thread.GetEvents(reader, 0, 50), e => e.Payload.Contains("rude words"));
        Assert.Contains(await thread.GetEvents(owner, 0, 50), e => e.Payload.Contains("rude words"));

        await thread.Restore(owner, comment.Id);

        Assert.Equal("rude words", Single(await thread.GetComments(reader, 0, 10)).Text);
        var audit = (await Grains.GetGrain<IModerationGrain>(circleId).Audit(owner, null, 10)).Items;
        Assert.Equal(["comment.restored", "comment.hidden"], audit.Select(a => a.Action));
        Assert.Equal(("harassment", owner, $"comment:{thread.GetPrimaryKeyString()}/{comment.Id}"), (audit[1].Reason, audit[1].ActorId, audit[1].Target));
    }

    [Fact]
    public async Task A_muted_member_cannot_post_until_the_mute_ends_and_is_told_until_when()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await Joined(circleId);
        var circle = Grains.GetGrain<ICircleGrain>(circleId);

        var muted = await circle.Mute(owner, member, TimeSpan.FromSeconds(2), "cool down");
        var refused = await Assert.ThrowsAsync<CollabException>(() => thread.Post(member, new PostComment("let me talk", null, null)));

        Assert.Equal(CollabErrorKind.Forbidden, refused.Kind);
        Assert.Contains($"{muted.MutedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC", refused.Message);
        Assert.Empty((await thread.GetComments(owner, 0, 10)).Items);
        // The mute ends by itself: posting is accepted again once its time has passed.
        var posted = await Eventually(() => thread.Post(member, new PostComment("back again", null, null)));
        Assert.Equal("back again", posted.Text);
        Assert.Contains((await Grains.GetGrain<IModerationGrain>(circleId).Audit(owner, null, 10)).Items, a => a.Action == "member.muted" && a.Reason == "cool down");
    }

    [Fact]
    public async Task A_member_past_the_circle_posting_limit_is_refused_with_when_to_retry()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await Joined(circleId);
        await Grains.GetGrain<ICircleGrain>(circleId).SetPolicy(owner, new CirclePolicy(3, TimeSpan.FromMinutes(10), 0));

        for (var i = 1; i <= 3; i++) await thread.Post(member, new PostComment($"post {i}", null, null));
        var refused = await Assert.ThrowsAsync<CollabException>(() => thread.Post(member, new PostComment("post 4", null, null)));
        await thread.Post(owner, new PostComment("moderators are not limited", null, null));

        Assert.Equal(CollabErrorKind.LimitExceeded, refused.Kind);
        Assert.Contains("3 comments per 600 s; try again in", refused.Message);
        Assert.Equal(["post 1", "post 2", "post 3", "moderators are not limited"], (await thread.GetComments(owner, 0, 10)).Items.Select(c => c.Text));
    }

    [Fact]
    public async Task A_new_members_first_post_is_held_for_review_and_shown_to_everyone_once_approved()
    {
        var (thread, circleId, owner) = await NewThread();
        var established = await Joined(circleId);
        await Grains.GetGrain<ICircleGrain>(circleId).SetPolicy(owner, new CirclePolicy(10, TimeSpan.FromSeconds(30), 1));
        var newcomer = await Joined(circleId);

        var held = await thread.Post(newcomer, new PostComment("hello everyone", null, null));
        var notHeld = await thread.Post(established, new PostComment("I was here before", null, null));

        Assert.True(held.Held);
        Assert.False(notHeld.Held);
        Assert.DoesNotContain((await thread.GetComments(established, 0, 10)).Items, c => c.Id == held.Id);
        Assert.Contains((await thread.GetComments(newcomer, 0, 10)).Items, c => c.Id == held.Id && c.Text == "hello everyone");
        Assert.Contains((await thread.GetComments(owner, 0, 10)).Items, c => c.Id == held.Id && c.Held);
        var waiting = Assert.Single((await Grains.GetGrain<IModerationGrain>(circleId).Held(owner, null, 10)).Items);
        Assert.Equal((held.Id, "hello everyone"), (waiting.Id, waiting.Text));
        Assert.DoesNotContain(await thread.GetEvents(established, 0, 50), e => e.Payload.Contains("hello everyone"));

        var approved = await thread.Approve(owner, held.Id);
        var second = await thread.Post(newcomer, new PostComment("thanks!", null, null));

        Assert.False(approved.Held);
        Assert.Empty((await Grains.GetGrain<IModerationGrain>(circleId).Held(owner, null, 10)).Items);
        Assert.Contains((await thread.GetComments(established, 0, 10)).Items, c => c.Id == held.Id && c.Text == "hello everyone");
        Assert.False(second.Held);
        Assert.Contains(await thread.GetEvents(established, 0, 50), e => e.Kind == "comment.approved" && e.Payload.Contains("hello everyone"));
    }

    [Fact]
    public async Task Flags_of_one_comment_merge_into_the_review_queue_and_resolving_moves_them_to_the_audited_history()
    {
        var (thread, circleId, owner) = await NewThread();
        var author = await Joined(circleId);
        var (ana, ben) = (await Joined(circleId), await Joined(circleId));
        var comment = await thread.Post(author, new PostComment("buy cheap pills", null, null));
        var moderation = Grains.GetGrain<IModerationGrain>(circleId);

        await thread.Flag(ana, comment.Id, FlagReason.Spam, null);
        await thread.Flag(ben, comment.Id, FlagReason.Other, "an advert");
        await thread.Flag(ben, comment.Id, FlagReason.Spam, null);
        var other = await Assert.ThrowsAsync<CollabException>(() => thread.Flag(ben, comment.Id, FlagReason.Other, null));

        var open = Assert.Single((await moderation.Queue(owner, false, null, 10)).Items);
        Assert.Equal(CollabErrorKind.Invalid, other.Kind);
        Assert.Equal([(ana, FlagReason.Spam), (ben, FlagReason.Other)], open.Reasons.Select(r => (r.MemberId, r.Reason)));
        Assert.Equal(("comment", "buy cheap pills", "open"), (open.Target, open.Excerpt, open.State));

        var resolved = await moderation.Resolve(owner, open.FlagId, "hidden");

        Assert.Empty((await moderation.Queue(owner, false, null, 10)).Items);
        Assert.Equal((owner, "hidden"), (resolved.ResolvedBy, resolved.Resolution));
        Assert.Equal(open.FlagId, Assert.Single((await moderation.Queue(owner, true, null, 10)).Items).FlagId);
        Assert.Contains((await moderation.Audit(owner, null, 10)).Items, a => a.Action == "flag.resolved" && a.Target == open.FlagId);
    }

    [Fact]
    public async Task A_banned_member_cannot_read_or_join_an_open_circle_until_unbanned()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await Joined(circleId);
        var circle = Grains.GetGrain<ICircleGrain>(circleId);

        await circle.RemoveMember(owner, member, "spam", ban: true);

        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => circle.Join(member))).Kind);
        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => thread.GetComments(member, 0, 10))).Kind);
        await circle.Unban(owner, member);
        Assert.Equal(CircleRole.Member, (await circle.Join(member)).ViewerRole);
        Assert.Equal(["member.unbanned", "member.banned"],
            (await Grains.GetGrain<IModerationGrain>(circleId).Audit(owner, null, 10)).Items.Select(a => a.Action));
    }

    private static CommentView Single(CommentPage page) => Assert.Single(page.Items);

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (CollabException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task<string> Joined(string circleId)
    {
        var member = await fixture.NewMember();
        await Grains.GetGrain<ICircleGrain>(circleId).Join(member);
        return member;
    }

    private async Task<(IThreadGrain Thread, string CircleId, string OwnerId)> NewThread()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var thread = Grains.GetGrain<IThreadGrain>($"t-{Guid.NewGuid():N}"[..18]);
        await thread.Create(owner, new CreateThread(circleId, null, "Moderated"));
        return (thread, circleId, owner);
    }
}
