using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every record a host writes (after the host's level filters), so a test can
/// assert what was logged, at which level and with which exception, and which log scope properties each line carried
/// (it takes the host's scopes as the console and JSON formatters do).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>The key/value properties of the scopes the line was written in (innermost last, so it wins).</summary>
        public IReadOnlyDictionary<string, object?> Scope { get; init; } = new Dictionary<string, object?>();
    }

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries, () => _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            scopes().ForEachScope((s, into) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) into[key] = value;
                else if (s is IEnumerable<KeyValuePair<string, object>> objects)
                    foreach (var (key, value) in objects) into[key] = value;
            }, scope);
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception) { Scope = scope });
        }
    }
}
