namespace Collab.Grains.Journal;

/// <summary>
/// The state of a journaled grain: a fold of its scope's events. It has one <c>Apply</c> per kind of event and
/// changes in no other way, so replaying the log after a snapshot rebuilds exactly the state the grain had.
/// </summary>
public interface IJournalState
{
    /// <summary>
    /// Dispatches to the typed <c>Apply</c> of the event's kind. The kind comes along because some kinds share a
    /// record (a thread's comment events all carry the comment).
    /// </summary>
    void Apply(string kind, object evt);
}
