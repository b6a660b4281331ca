using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Threads;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

/// <summary>
/// A command sent again with its command id answers exactly what it answered the first time: the same kind of
/// command, from the same member, about the same comment, and only while that member may still read the thread.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class CommandRetryTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_retried_edit_answers_the_comment_as_that_edit_left_it_not_as_it_is_now()
    {
        var (thread, _, owner) = await NewThread();
        var comment = await thread.Post(owner, new PostComment("draft", null, "post-1"));
        var first = await thread.Edit(owner, comment.Id, "first edit", "edit-1");
        await thread.Edit(owner, comment.Id, "second edit", "edit-2");

        var retried = await thread.Edit(owner, comment.Id, "ignored on retry", "edit-1");

        Assert.Equal((first.Id, first.Text, first.EditedAt), (retried.Id, retried.Text, retried.EditedAt));
        Assert.Equal("first edit", retried.Text);
        Assert.Equal("second edit", (await thread.GetComments(owner, 0, 10)).Items.Single().Text);
    }

    [Fact]
    public async Task A_command_id_reused_for_another_kind_of_command_is_a_conflict_and_changes_nothing()
    {
        var (thread, _, owner) = await NewThread();
        var comment = await thread.Post(owner, new PostComment("hello", null, "same-id"));

        var react = await Assert.ThrowsAsync<CollabException>(() => thread.React(owner, comment.Id, "🌱", "same-id"));
        var edit = await Assert.ThrowsAsync<CollabException>(() => thread.Edit(owner, comment.Id, "changed", "same-id"));

        Assert.Equal((CollabErrorKind.Conflict, CollabErrorKind.Conflict), (react.Kind, edit.Kind));
        var stored = Assert.Single((await thread.GetComments(owner, 0, 10)).Items);
        Assert.Equal(("hello", 0), (stored.Text, stored.Reactions.Count));
    }

    [Fact]
    public async Task A_command_id_names_one_comment_and_a_retry_about_another_is_a_conflict()
    {
        var (thread, _, owner) = await NewThread();
        var a = await thread.Post(owner, new PostComment("a", null, null));
        var b = await thread.Post(owner, new PostComment("b", null, null));
        await thread.React(owner, a.Id, "🌱", "react-1");

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.React(owner, b.Id, "🌱", "react-1"));

        Assert.Equal(CollabErrorKind.Conflict, error.Kind);
        Assert.Empty((await thread.GetComments(owner, 0, 10)).Items.Single(c => c.Id == b.Id).Reactions);
    }

    [Fact]
    public async Task Another_member_replaying_a_command_id_gets_a_conflict_not_the_comment()
    {
        var (thread, circleId, owner) = await NewThread();
        var ben = await fixture.NewMember();
        await Grains.GetGrain<ICircleGrain>(circleId).Join(ben);
        await thread.Post(owner, new PostComment("mine", null, "owner-cmd"));

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(ben, new PostComment("mine", null, "owner-cmd")));

        Assert.Equal(CollabErrorKind.Conflict, error.Kind);
        Assert.Single((await thread.GetComments(owner, 0, 10)).Items);
    }

    [Fact]
    public async Task A_retry_after_leaving_an_invite_only_circle_is_refused()
    {
        var (thread, circleId, owner) = await NewThread(CircleVisibility.InviteOnly);
        var circle = Grains.GetGrain<ICircleGrain>(circleId);
        var ben = await fixture.NewMember();
        await circle.Invite(owner, ben);
        await circle.Join(ben);
        await thread.Post(ben, new PostComment("before leaving", null, "ben-1"));
        await circle.Leave(ben);

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(ben, new PostComment("before leaving", null, "ben-1")));

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Command_ids_are_checked_by_the_grain_whatever_the_entry_point(string commandId)
    {
        var (thread, _, owner) = await NewThread();

        var error = await Assert.ThrowsAsync<CollabException>(() => thread.Post(owner, new PostComment("x", null, commandId)));
        var tooLong = await Assert.ThrowsAsync<CollabException>(() => thread.Post(owner, new PostComment("x", null, new string('c', 101))));

        Assert.Equal(("commandId", "commandId"), (error.Field, tooLong.Field));
        Assert.Empty((await thread.GetComments(owner, 0, 10)).Items);
    }

    private async Task<(IThreadGrain Thread, string CircleId, string OwnerId)> NewThread(CircleVisibility visibility = CircleVisibility.Open)
    {
        var (circleId, owner) = await fixture.NewCircle(visibility);
        var thread = Grains.GetGrain<IThreadGrain>($"t-{Guid.NewGuid():N}"[..18]);
        await thread.Create(owner, new CreateThread(circleId, null, "Retries"));
        return (thread, circleId, owner);
    }
}
