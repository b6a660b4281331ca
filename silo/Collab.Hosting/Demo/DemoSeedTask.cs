using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Abstractions.Threads;
using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Demo;

/// <summary>
/// Seeds the four #LearningPlanet circles, each with a sample project and thread, so a new user sees a living
/// workspace at once. Circle ids are fixed, so a second start (or a second silo) finds them and adds nothing.
/// </summary>
public sealed partial class DemoSeedTask(IGrainFactory grains, ILogger<DemoSeedTask> logger) : IStartupTask
{
    private static readonly DemoCircle[] Circles =
    [
        new("learning-for-sustainability", "Learning for Sustainability",
            "Educators and learners turning climate and biodiversity knowledge into local action.",
            "School garden climate lab", "Pupils measure soil, water and biodiversity in their school garden and share the data.", [4, 13, 15],
            "What did your garden data show this month?"),
        new("youth-empowerment", "Youth Empowerment",
            "Young people leading change in their communities, with mentors who listen.",
            "Youth voice podcast", "A monthly podcast made by teenagers about what school could be.", [4, 10, 16],
            "Ideas for the next episode"),
        new("celebration-of-learning", "Celebration of Learning",
            "Festivals, showcases and stories that celebrate learning in all its forms.",
            "Learning festival 2026", "Planning the yearly festival of learning stories from every continent.", [4, 17],
            "Which stories should open the festival?"),
        new("transitions-across-education", "Transitions across Education",
            "Supporting learners as they move between school, training, work and back.",
            "First-year buddy network", "Second-year students guide newcomers through their first months.", [4, 8],
            "What helped you most in your first weeks?"),
    ];

    public async Task Execute(CancellationToken cancellationToken)
    {
        var host = await grains.GetGrain<IHandleGrain>("learningplanet").RegisterOrGet("LearningPlanet team");
        foreach (var circle in Circles)
        {
            var grain = grains.GetGrain<ICircleGrain>(circle.Id);
            try
            {
                await grain.Create(host.Id, new CreateCircle(circle.Name, circle.Description, CircleVisibility.Open));
            }
            catch (CollabException ex) when (ex.Kind == CollabErrorKind.Conflict)
            {
                continue; // seeded before
            }

            await grains.GetGrain<IProjectGrain>($"{circle.Id}-project")
                .Create(host.Id, new CreateProject(circle.Id, circle.Project, circle.ProjectSummary, ["demo"], circle.Sdgs));
            var thread = grains.GetGrain<IThreadGrain>($"{circle.Id}-welcome");
            await thread.Create(host.Id, new CreateThread(circle.Id, null, circle.Question));
            await thread.Post(host.Id, new PostComment($"Welcome to **{circle.Name}**! {circle.Question}", null, "demo-seed"));
            LogSeeded(circle.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo circle {Circle}")]
    private partial void LogSeeded(string circle);

    private sealed record DemoCircle(string Id, string Name, string Description, string Project, string ProjectSummary, int[] Sdgs, string Question);
}
