namespace Collab.Grains.Storage;

/// <summary>
/// The state of a scope as of one seq (for a document: its text and who wrote each part), saved now and then so
/// that loading the scope replays only the events after it, never the whole log.
/// </summary>
/// <param name="Payload">JSON, written and read by the grain that owns the scope.</param>
public sealed record StoredSnapshot(string Scope, long Seq, string Payload);
