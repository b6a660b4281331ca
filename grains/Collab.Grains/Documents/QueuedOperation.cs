using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Documents.Ot;

namespace Collab.Grains.Documents;

/// <summary>
/// An operation that passed its checks and waits for the document's next commit, with the acknowledgement its
/// sender (and any repeat of it that arrives meanwhile) awaits.
/// </summary>
/// <param name="MaxInsert">The insert cap it is validated against: a client's cap, or none for a computed restore.</param>
public sealed record QueuedOperation(string ActorId, long BaseRevision, TextOperation Op, string ClientOpId, int MaxInsert)
{
    // Asynchronous continuations: a waiter resumes in its own turn, never inside the commit that answers it.
    public TaskCompletionSource<DocumentAck> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
