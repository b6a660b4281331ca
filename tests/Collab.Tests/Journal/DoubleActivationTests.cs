using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Circles;
using Collab.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Collab.Tests.Journal;

/// <summary>
/// A silo failure can briefly leave two activations of one grain. Each has its own journal over the same log:
/// the second writer of a seq is refused, folds in what the first wrote, and decides again on the truth.
/// </summary>
public sealed class DoubleActivationTests(FaultyStoreClusterFixture fixture) : IClassFixture<FaultyStoreClusterFixture>
{
    [Fact]
    public async Task The_second_activation_to_append_is_refused_catches_up_and_then_appends_after_the_first()
    {
        var scope = $"circle:c-{Guid.NewGuid():N}";
        var first = NewJournal(scope);
        var second = NewJournal(scope);
        await first.LoadAsync();
        await second.LoadAsync();
        await first.AppendAsync(new CircleCreated("Twice", "", CircleVisibility.Open, "m-owner", DateTimeOffset.UnixEpoch), "m-owner");

        var refused = await Assert.ThrowsAsync<CollabException>(() =>
            second.AppendAsync(new CircleCreated("Twice again", "", CircleVisibility.Open, "m-other", DateTimeOffset.UnixEpoch), "m-other"));

        Assert.Equal(CollabErrorKind.Conflict, refused.Kind);
        Assert.Equal((1L, "Twice", 1), (second.Version, second.State.Name, second.State.MemberCount));
        await second.AppendAsync(new MemberJoined("m-ben", CircleRole.Member, DateTimeOffset.UnixEpoch), "m-ben");
        var fresh = NewJournal(scope);
        await fresh.LoadAsync();
        Assert.Equal((2L, "Twice", 2), (fresh.Version, fresh.State.Name, fresh.State.MemberCount));
    }

    private ScopeJournal<CircleState> NewJournal(string scope) =>
        new(scope, CircleEvents.Catalog, fixture.Store, fixture.Grains, TimeProvider.System, new JournalOptions(), NullLogger.Instance);
}
