using Orleans;
using Orleans.Runtime;

namespace Collab.Tests.Storage.Postgres;

public sealed class NoteGrain(
    [PersistentState("note", PostgresOrleansConfigurator.StorageName)] IPersistentState<NoteState> note)
    : Grain, INoteGrain
{
    public async Task SaveAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(note.State.Text);
}
