using Collab.Tests.Journal;

namespace Collab.Tests.Documents;

/// <summary>
/// One in-process silo on SQLite whose event store can hold a batch in flight or fail it, for the document's pipelined
/// commits. The queue bound is small so that a test knows when the queue is full: one more submit is refused.
/// </summary>
public sealed class DocumentPipelineFixture : FaultyStoreClusterFixture
{
    public const int QueueBound = 3;
    public const int SnapshotEvery = 5;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Collab:Documents:MaxQueuedOperations"] = QueueBound.ToString();
        settings["Collab:Documents:SnapshotEvery"] = SnapshotEvery.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class DocumentPipelineCollection : ICollectionFixture<DocumentPipelineFixture>
{
    public const string Name = "Document pipeline (SQLite, faulty store)";
}
