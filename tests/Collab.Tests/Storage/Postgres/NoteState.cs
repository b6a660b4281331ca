using Orleans;

namespace Collab.Tests.Storage.Postgres;

[GenerateSerializer]
[Alias("Collab.Tests.Storage.Postgres.NoteState")]
public sealed class NoteState
{
    [Id(0)]
    public string? Text { get; set; }
}
