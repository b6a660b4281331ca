using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ProjectGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static string NewProjectId() => $"p-{Guid.NewGuid():N}"[..18];

    [Fact]
    public async Task A_project_belongs_to_its_circle_and_has_its_own_thread()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var id = NewProjectId();

        var project = await Grains.GetGrain<IProjectGrain>(id).Create(owner,
            new CreateProject(circleId, "School garden", "Soil and water", ["garden", "Garden", "data"], [15, 4, 13, 4]));

        Assert.Equal(ProjectStatus.Running, project.Status);
        Assert.Equal([4, 13, 15], project.Sdgs);
        Assert.Equal(["garden", "data"], project.Tags);
        Assert.Equal([owner], project.ContributorIds);
        Assert.Contains((await Grains.GetGrain<ICircleGrain>(circleId).Projects(owner, null, 50)).Items, p => p.Id == id && p.Title == project.Title);
        var thread = await Grains.GetGrain<IThreadGrain>(project.ThreadId).Get(owner);
        Assert.Equal((circleId, id), (thread.CircleId, thread.ProjectId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    [InlineData(-3)]
    public async Task SDG_numbers_outside_1_to_17_are_refused(int sdg)
    {
        var (circleId, owner) = await fixture.NewCircle();
        var grain = Grains.GetGrain<IProjectGrain>(NewProjectId());

        var error = await Assert.ThrowsAsync<CollabException>(() => grain.Create(owner, new CreateProject(circleId, "x", null, null, [sdg])));

        Assert.Equal((CollabErrorKind.Invalid, "sdgs"), (error.Kind, error.Field));
        Assert.Equal(CollabErrorKind.NotFound, (await Assert.ThrowsAsync<CollabException>(() => grain.Get(owner))).Kind);
        Assert.Empty((await Grains.GetGrain<ICircleGrain>(circleId).Projects(owner, null, 50)).Items);
    }

    [Fact]
    public async Task Non_members_cannot_start_projects()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var stranger = await fixture.NewMember();

        var error = await Assert.ThrowsAsync<CollabException>(() =>
            Grains.GetGrain<IProjectGrain>(NewProjectId()).Create(stranger, new CreateProject(circleId, "x", null, null, null)));

        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
        Assert.Empty((await Grains.GetGrain<ICircleGrain>(circleId).Projects(owner, null, 50)).Items);
    }

    [Fact]
    public async Task Contributors_and_moderators_update_a_project_but_other_members_cannot()
    {
        var (circleId, owner) = await fixture.NewCircle();
        var circle = Grains.GetGrain<ICircleGrain>(circleId);
        var member = await fixture.NewMember();
        await circle.Join(member);
        var grain = Grains.GetGrain<IProjectGrain>(NewProjectId());
        await grain.Create(owner, new CreateProject(circleId, "Podcast", null, null, null));

        var error = await Assert.ThrowsAsync<CollabException>(() => grain.Update(member, new UpdateProject(null, null, ProjectStatus.Canceled, null, null)));
        Assert.Equal(CollabErrorKind.Forbidden, error.Kind);
        Assert.Equal(ProjectStatus.Running, (await grain.Get(member)).Status);

        await grain.AddContributor(owner, member);
        var updated = await grain.Update(member, new UpdateProject("Youth podcast", null, ProjectStatus.Completed, null, [4]));

        Assert.Equal(("Youth podcast", ProjectStatus.Completed), (updated.Title, updated.Status));
        Assert.Equal([4], updated.Sdgs);
    }
}
