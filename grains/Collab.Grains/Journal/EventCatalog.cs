namespace Collab.Grains.Journal;

/// <summary>
/// The kinds of event a journaled grain writes, each with the record type its payload is read back into. The
/// kind string is what clients switch on and what the log stores. Several kinds may share one record (a thread's
/// comment events all carry the comment as it is after the event); those are appended with their kind named.
/// </summary>
public sealed class EventCatalog
{
    private readonly Dictionary<string, Type> _types = [];
    private readonly Dictionary<Type, string> _kinds = [];

    public EventCatalog(params (string Kind, Type Type)[] entries)
    {
        foreach (var (kind, type) in entries)
        {
            _types.Add(kind, type);
            if (entries.Count(e => e.Type == type) == 1) _kinds.Add(type, kind);
        }
    }

    public string KindOf(object evt) =>
        _kinds.TryGetValue(evt.GetType(), out var kind) ? kind : throw new InvalidOperationException($"{evt.GetType().Name} is not in the event catalog under one kind; name the kind.");

    public bool Knows(string kind) => _types.ContainsKey(kind);

    /// <summary>The event's payload as its record; a kind this catalog does not know is a bug, never skipped.</summary>
    public object Read(string kind, string payload) =>
        _types.TryGetValue(kind, out var type)
            ? System.Text.Json.JsonSerializer.Deserialize(payload, type, CollabJson.Options) ?? throw new InvalidOperationException($"Event '{kind}' has an empty payload.")
            : throw new InvalidOperationException($"Event kind '{kind}' is not in the event catalog.");

    public T Read<T>(string payload) => CollabJson.Deserialize<T>(payload);
}
