namespace Collab.Grains.Abstractions.Circles;

/// <summary>
/// A circle as one member sees it. Members, projects and threads grow with use and are read in pages
/// (<see cref="ICircleGrain.Members"/>, <see cref="ICircleGrain.Projects"/>, <see cref="ICircleGrain.Threads"/>).
/// </summary>
/// <param name="ViewerRole">The reader's role here, null when not a member.</param>
/// <param name="ViewerInvited">The reader holds an invitation to this circle.</param>
[GenerateSerializer, Alias("collab.circle-view")]
public sealed record CircleView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] CircleVisibility Visibility,
    [property: Id(4)] int MemberCount,
    [property: Id(5)] CircleRole? ViewerRole,
    [property: Id(6)] bool ViewerInvited,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] CirclePolicy Policy);
