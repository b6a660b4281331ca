using Collab.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Journal;

/// <summary>Makes the journal of one scope for a grain activation, so grains take one dependency instead of five.</summary>
public sealed class ScopeJournalFactory(IEventStore events, TimeProvider time, IOptions<JournalOptions> options, ILoggerFactory loggers)
{
    public IEventStore Events => events;

    public ScopeJournal<TState> Create<TState>(string scope, EventCatalog catalog, IGrainFactory grains)
        where TState : class, IJournalState, new() =>
        new(scope, catalog, events, grains, time, options.Value, loggers.CreateLogger($"Collab.Journal.{typeof(TState).Name}"));
}
