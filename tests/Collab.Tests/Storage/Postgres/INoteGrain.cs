using Orleans;

namespace Collab.Tests.Storage.Postgres;

/// <summary>A grain whose only job is to keep one text in ADO.NET grain storage.</summary>
[Alias("Collab.Tests.Storage.Postgres.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    [Alias("Save")]
    Task SaveAsync(string text);

    [Alias("Read")]
    Task<string?> ReadAsync();
}
