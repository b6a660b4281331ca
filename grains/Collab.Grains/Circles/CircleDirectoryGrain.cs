using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Paging;
using Collab.Grains.Journal;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Collab.Grains.Circles;

/// <summary>Reads pages of the directory rows that circles write with their own events; any silo may serve it.</summary>
[StatelessWorker]
public sealed class CircleDirectoryGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits) : Grain, ICircleDirectoryGrain
{
    public Task<Page<CircleSummary>> List(string? after, int limit) =>
        RowPages.ReadAsync<CircleSummary>(journals.Events, CircleRows.DirectoryScope, CircleRows.DirectoryCircles, after, limit, limits.Value.PageMaxSize);
}
