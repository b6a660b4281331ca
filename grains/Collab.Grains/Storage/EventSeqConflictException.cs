namespace Collab.Grains.Storage;

/// <summary>
/// Another writer already appended this seq: two activations of one grain raced (for example during a
/// silo failure). The loser must not overwrite history; it re-reads the log instead.
/// </summary>
public sealed class EventSeqConflictException(string scope, long seq, Exception? inner = null)
    : Exception($"Scope '{scope}' already has an event with seq {seq}.", inner)
{
    public string Scope { get; } = scope;
    public long Seq { get; } = seq;
}
