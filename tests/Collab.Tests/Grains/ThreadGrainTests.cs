using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Threads;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ThreadGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(IThreadGrain Thread, string CircleId, string OwnerId)> NewThread(CircleVisibility visibility = CircleVisibility.Open)
    {
        var (circleId, owner) = await fixture.NewCircle(visibility);
        var thread = Grains.GetGrain<IThreadGrain>($"t-{Guid.NewGuid():N}"[..18]);
        await thread.Create(owner, new CreateThread(circleId, null, "Welcome"));
        return (thread, circleId, owner);
    }

    private async Task<string> JoinedMember(string circleId)
    {
        var member = await fixture.NewMember();
        await Grains.GetGrain<ICircleGrain>(circleId).Join(member);
        return member;
    }

    [Fact]
    public async Task Comments_get_gap_free_ids_and_page_in_order()
    {
        var (thread, _, owner) = await NewThread();
        for (var i = 1; i <= 7; i++) await thread.Post(owner, new PostComment($"comment {i}", null, null));

        var first = await thread.GetComments(owner, 0, 3);
        var second = await thread.GetComments(owner, first.NextAfter!.Value, 3);
        var last = await thread.GetComments(owner, second.NextAfter!.Value, 3);

        // Seq 1 is the thread's creation; each comment's id is the seq of the event that posted it.
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], first.Items.Concat(second.Items).Concat(last.Items).Select(c => c.Id));
        Assert.Equal("comment 7", last.Items[^1].Text);
        Assert.Null(last.NextAfter);
        var events = await thread.GetEvents(owner, 0, 100);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(["thread.created", .. Enumerable.Repeat("comment.posted", 7)], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Retry_with_same_command_id_creates_one_comment()
    {
        var (thread, _, owner) = await NewThread();

        var results = new List<CommentView>();
        for (var i = 0; i < 3; i++) results.Add(await thread.Post(owner, new PostComment("once", null, "cmd-1")));

        Assert.All(results, r => Assert.Equal(results[0].Id, r.Id));
        Assert.Single((await thread.GetComments(owner, 0, 50)).Items);
    }

    [Fact]
    public async Task A_comment_over_10000_characters_is_refused_and_the_thread_is_unchanged()
    {
        var (thread, _, owner) = await NewThread();
        await thread.Post(owner, new PostComment("first", null, null));

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(owner, new PostComment(new string('a', 10_001), null, null)));

        Assert.Equal((CollabErrorKind.Invalid, "text"), (error.Kind, error.Field));
        Assert.Equal(["thread.created", "comment.posted"], (await thread.GetEvents(owner, 0, 50)).Select(e => e.Kind));
        Assert.Equal(10_000, (await thread.Post(owner, new PostComment(new string('a', 10_000), null, null))).Text.Length);
    }

    [Fact]
    public async Task A_non_member_cannot_post_in_an_invite_only_circle_and_nothing_changes()
    {
        var (thread, _, owner) = await NewThread(CircleVisibility.InviteOnly);
        var stranger = await fixture.NewMember();

        var post = await Assert.ThrowsAsync<CollabException>(() => thread.Post(stranger, new PostComment("hello", null, null)));
        var read = await Assert.ThrowsAsync<CollabException>(() => thread.GetComments(stranger, 0, 10));

        Assert.Equal(CollabErrorKind.Forbidden, post.Kind);
        Assert.Equal(CollabErrorKind.Forbidden, read.Kind);
        Assert.Empty((await thread.GetComments(owner, 0, 10)).Items);
    }

    [Fact]
    public async Task A_locked_thread_refuses_member_posts_and_only_moderators_lock_it()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await JoinedMember(circleId);

        Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => thread.SetLocked(member, true))).Kind);
        await thread.SetLocked(owner, true);
        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(member, new PostComment("let me in", null, null)));

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
        Assert.True((await thread.Get(member)).Locked);
        Assert.Empty((await thread.GetComments(owner, 0, 10)).Items);
        Assert.Equal(["thread.created", "thread.locked"], (await thread.GetEvents(owner, 0, 10)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Only_the_author_edits_a_comment()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await JoinedMember(circleId);
        var comment = await thread.Post(member, new PostComment("draft", null, null));

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Edit(owner, comment.Id, "hijacked"));
        var edited = await thread.Edit(member, comment.Id, "final");

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
        Assert.Equal("final", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal("final", Assert.Single((await thread.GetComments(owner, 0, 10)).Items).Text);
    }

    [Fact]
    public async Task Replies_point_at_their_parent_and_an_unknown_parent_is_refused()
    {
        var (thread, _, owner) = await NewThread();
        var parent = await thread.Post(owner, new PostComment("question", null, null));

        var reply = await thread.Post(owner, new PostComment("answer", parent.Id, null));
        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(owner, new PostComment("orphan", 999, null)));

        Assert.Equal(parent.Id, reply.ParentId);
        Assert.Equal((CollabErrorKind.Invalid, "parentId"), (error.Kind, error.Field));
        Assert.Equal(2, (await thread.GetComments(owner, 0, 10)).Items.Count);
    }

    [Fact]
    public async Task Reactions_come_from_a_fixed_set_and_toggle_per_member()
    {
        var (thread, circleId, owner) = await NewThread();
        var member = await JoinedMember(circleId);
        var comment = await thread.Post(owner, new PostComment("Planting trees on Friday", null, null));

        await thread.React(owner, comment.Id, "🌱");
        await thread.React(member, comment.Id, "🌱");
        var twice = await thread.React(member, comment.Id, "🌱");
        var error = await Assert.ThrowsAsync<CollabException>(() => thread.React(member, comment.Id, "💩"));
        var after = await thread.Unreact(owner, comment.Id, "🌱");

        Assert.Equal([owner, member], twice.Reactions["🌱"]);
        Assert.Equal((CollabErrorKind.Invalid, "emoji"), (error.Kind, error.Field));
        Assert.Equal([member], after.Reactions["🌱"]);
        Assert.Equal([member], Assert.Single((await thread.GetComments(owner, 0, 10)).Items).Reactions["🌱"]);
    }

    [Fact]
    public async Task Mentions_reach_the_inbox_of_the_mentioned_member()
    {
        var (thread, circleId, owner) = await NewThread();
        var handle = $"ana{Guid.NewGuid():N}"[..12];
        var ana = await Grains.GetGrain<IHandleGrain>(handle).RegisterOrGet("Ana");
        await Grains.GetGrain<ICircleGrain>(circleId).Join(ana.Id);

        var comment = await thread.Post(owner, new PostComment($"Thanks @{handle.ToUpperInvariant()}! (mail: x@{handle}.org, @nobody_here)", null, null));

        Assert.Equal([ana.Id], comment.MentionIds);
        var notice = Assert.Single((await Grains.GetGrain<IMemberGrain>(ana.Id).GetInbox(ana.Id, null, 10)).Items);
        Assert.Equal((thread.GetPrimaryKeyString(), comment.Id, owner), (notice.ThreadId, notice.CommentId, notice.FromMemberId));
    }

    [Fact]
    public async Task Paging_limits_are_checked()
    {
        var (thread, _, owner) = await NewThread();

        Assert.Equal("limit", (await Assert.ThrowsAsync<CollabException>(() => thread.GetComments(owner, 0, 0))).Field);
        Assert.Equal("limit", (await Assert.ThrowsAsync<CollabException>(() => thread.GetComments(owner, 0, 100_000))).Field);
        Assert.Equal("after", (await Assert.ThrowsAsync<CollabException>(() => thread.GetComments(owner, -1, 10))).Field);
    }

    [Fact]
    public async Task Unknown_threads_and_comments_are_not_found()
    {
        var (thread, _, owner) = await NewThread();

        Assert.Equal(CollabErrorKind.NotFound, (await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<IThreadGrain>("t-missing").Get(owner))).Kind);
        Assert.Equal(CollabErrorKind.NotFound, (await Assert.ThrowsAsync<CollabException>(() => thread.Edit(owner, 42, "x"))).Kind);
    }
}
