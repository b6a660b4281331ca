using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

/// <summary>Read marks kept per member on the server, the unread counts they give, and reply notices.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ReadStateTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(string CircleId, string OwnerId, string ThreadId)> NewThread(CircleVisibility visibility = CircleVisibility.Open)
    {
        var (circleId, owner) = await fixture.NewCircle(visibility);
        var threadId = $"t-{Guid.NewGuid():N}"[..18];
        await Grains.GetGrain<IThreadGrain>(threadId).Create(owner, new CreateThread(circleId, null, "Welcome"));
        return (circleId, owner, threadId);
    }

    private async Task<string> JoinedMember(string circleId)
    {
        var member = await fixture.NewMember();
        await Grains.GetGrain<ICircleGrain>(circleId).Join(member);
        return member;
    }

    private async Task<ThreadUnread> UnreadOf(string memberId, string circleId, string threadId) =>
        (await Grains.GetGrain<IMemberGrain>(memberId).UnreadIn(memberId, circleId)).Single(t => t.ThreadId == threadId);

    [Fact]
    public async Task Unread_counts_what_was_posted_after_the_members_read_mark()
    {
        var (circleId, owner, threadId) = await NewThread();
        var reader = await JoinedMember(circleId);
        var thread = Grains.GetGrain<IThreadGrain>(threadId);
        var posted = new List<CommentView>();
        for (var i = 1; i <= 3; i++) posted.Add(await thread.Post(owner, new PostComment($"comment {i}", null, null)));
        var member = Grains.GetGrain<IMemberGrain>(reader);

        var never = await UnreadOf(reader, circleId, threadId);
        await member.MarkThreadRead(reader, threadId, posted[1].Id);
        var partly = await UnreadOf(reader, circleId, threadId);
        await member.MarkThreadRead(reader, threadId, posted[2].Id);
        var all = await UnreadOf(reader, circleId, threadId);
        var newer = await thread.Post(owner, new PostComment("one more", null, null));
        var after = await UnreadOf(reader, circleId, threadId);

        Assert.Equal((3, false, 0L), (never.Unread, never.Seen, never.LastReadCommentId));
        Assert.Equal((1, true, posted[1].Id), (partly.Unread, partly.Seen, partly.LastReadCommentId));
        Assert.Equal(0, all.Unread);
        Assert.Equal((1, 4, newer.Id, owner), (after.Unread, after.CommentCount, after.LastCommentId, after.LastCommentBy));
    }

    [Fact]
    public async Task A_read_mark_never_moves_back_and_never_past_the_newest_comment()
    {
        var (circleId, owner, threadId) = await NewThread();
        var reader = await JoinedMember(circleId);
        var thread = Grains.GetGrain<IThreadGrain>(threadId);
        var first = await thread.Post(owner, new PostComment("first", null, null));
        var last = await thread.Post(owner, new PostComment("last", null, null));
        var member = Grains.GetGrain<IMemberGrain>(reader);

        var beyond = await member.MarkThreadRead(reader, threadId, last.Id + 1000);
        var back = await member.MarkThreadRead(reader, threadId, first.Id);

        Assert.Equal((last.Id, 2), (beyond.UpTo, beyond.ReadCount));
        Assert.Equal(last.Id, back.UpTo);
        Assert.Equal(last.Id, (await member.GetThreadRead(reader, threadId))!.UpTo);
    }

    [Fact]
    public async Task A_project_discussion_is_listed_with_its_project()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var project = await Grains.GetGrain<IProjectGrain>($"p-{Guid.NewGuid():N}"[..18]).Create(owner, new CreateProject(circleId, "Garden", null, null, null));
        await Grains.GetGrain<IThreadGrain>(project.ThreadId).Post(owner, new PostComment("Seeds arrived", null, null));
        var reader = await JoinedMember(circleId);

        var listed = Assert.Single(await Grains.GetGrain<IMemberGrain>(reader).UnreadIn(reader, circleId));

        Assert.Equal((project.ThreadId, project.Id, 1), (listed.ThreadId, listed.ProjectId, listed.Unread));
    }

    [Fact]
    public async Task Another_member_can_neither_read_nor_set_my_read_marks()
    {
        var (circleId, owner, threadId) = await NewThread();
        var comment = await Grains.GetGrain<IThreadGrain>(threadId).Post(owner, new PostComment("hello", null, null));
        var ana = await JoinedMember(circleId);
        var mallory = await JoinedMember(circleId);
        var anas = Grains.GetGrain<IMemberGrain>(ana);

        var set = await Assert.ThrowsAsync<CollabException>(() => anas.MarkThreadRead(mallory, threadId, comment.Id));
        var read = await Assert.ThrowsAsync<CollabException>(() => anas.GetThreadRead(mallory, threadId));
        var counts = await Assert.ThrowsAsync<CollabException>(() => anas.UnreadIn(mallory, circleId));

        Assert.Equal([CollabErrorKind.Forbidden, CollabErrorKind.Forbidden, CollabErrorKind.Forbidden], new[] { set.Kind, read.Kind, counts.Kind });
        Assert.Null(await anas.GetThreadRead(ana, threadId));
    }

    [Fact]
    public async Task A_member_who_may_not_read_a_thread_cannot_mark_it_read()
    {
        var (_, owner, threadId) = await NewThread(CircleVisibility.InviteOnly);
        var comment = await Grains.GetGrain<IThreadGrain>(threadId).Post(owner, new PostComment("private", null, null));
        var stranger = await fixture.NewMember();

        var error = await Assert.ThrowsAsync<CollabException>(() => Grains.GetGrain<IMemberGrain>(stranger).MarkThreadRead(stranger, threadId, comment.Id));

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task A_reply_notifies_the_author_of_the_comment_it_answers_once()
    {
        var (circleId, owner, threadId) = await NewThread();
        var thread = Grains.GetGrain<IThreadGrain>(threadId);
        var ana = await Grains.GetGrain<IHandleGrain>($"ana{Guid.NewGuid():N}"[..12]).RegisterOrGet("Ana");
        await Grains.GetGrain<ICircleGrain>(circleId).Join(ana.Id);
        var question = await thread.Post(ana.Id, new PostComment("Who brings the seeds?", null, null));

        var answer = await thread.Post(owner, new PostComment("I do!", question.Id, null));
        var ownFollowUp = await thread.Post(ana.Id, new PostComment("Thanks", question.Id, null));
        var mentioning = await thread.Post(owner, new PostComment($"@{ana.Handle} and soil too", question.Id, null));

        var inbox = await Grains.GetGrain<IMemberGrain>(ana.Id).GetInbox(ana.Id, null, 10);
        Assert.Equal([(mentioning.Id, MentionNotice.Mentioned), (answer.Id, MentionNotice.Replied)], inbox.Items.Select(n => (n.CommentId, n.Reason)));
        Assert.Equal(owner, inbox.Items[1].FromMemberId);
        Assert.DoesNotContain(inbox.Items, n => n.CommentId == ownFollowUp.Id);
    }
}
