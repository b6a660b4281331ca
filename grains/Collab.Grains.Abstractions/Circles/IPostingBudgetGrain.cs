namespace Collab.Grains.Abstractions.Circles;

/// <summary>
/// One member's posting budget in one circle (key <c>circleId/memberId</c>): a sliding window of their recent
/// posts. A grain per member and circle, so a busy circle's posts are not counted in one place.
/// </summary>
[Alias("collab.posting-budget")]
public interface IPostingBudgetGrain : IGrainWithStringKey
{
    /// <summary>Takes one post from the budget; answers null when taken, or when the next post is allowed.</summary>
    [Alias("take")] Task<DateTimeOffset?> Take(int limit, TimeSpan window);
}
