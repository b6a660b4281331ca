using Collab.Grains.Abstractions.Circles;

namespace Collab.Grains.Circles;

public sealed class CircleDirectoryGrain(
    [PersistentState("circle-directory", CollabStorage.Name)] IPersistentState<CircleDirectoryState> state)
    : Grain, ICircleDirectoryGrain
{
    public async Task Upsert(CircleSummary summary)
    {
        if (state.State.Circles.TryGetValue(summary.Id, out var known) && known == summary) return;
        state.State.Circles[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CircleSummary>> List() =>
        Task.FromResult<IReadOnlyList<CircleSummary>>(state.State.Circles.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList());
}
