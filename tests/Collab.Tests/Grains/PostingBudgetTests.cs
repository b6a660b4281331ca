using Collab.Grains.Circles;
using Microsoft.Extensions.Time.Testing;

namespace Collab.Tests.Grains;

/// <summary>The sliding window of one member's posts, on a clock the test moves.</summary>
public sealed class PostingBudgetTests
{
    [Fact]
    public async Task The_eleventh_post_in_the_window_is_refused_until_the_first_leaves_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var budget = new PostingBudgetGrain(clock);
        var window = TimeSpan.FromSeconds(30);
        var first = clock.GetUtcNow();

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(await budget.Take(10, window));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var refused = await budget.Take(10, window);
        clock.Advance(first + window - clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        var stillRefused = await budget.Take(10, window);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var accepted = await budget.Take(10, window);

        Assert.Equal(first + window, refused);
        Assert.Equal(first + window, stillRefused);
        Assert.Null(accepted);
        Assert.Equal(first + TimeSpan.FromSeconds(1) + window, await budget.Take(10, window));
    }
}
