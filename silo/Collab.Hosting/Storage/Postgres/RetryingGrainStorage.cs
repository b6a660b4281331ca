using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace Collab.Hosting.Storage.Postgres;

/// <summary>
/// Orleans' ADO.NET grain storage with one retry on fresh connections when PostgreSQL was unreachable: after a
/// restart every pooled connection is dead, and without this the first write through each of them failed.
/// A repeated write cannot overwrite anything newer: the ADO.NET provider checks the ETag, so if the first attempt
/// did commit, the retry is refused as inconsistent instead. Grain state is only a snapshot of the event log, so
/// such a refusal loses nothing.
/// </summary>
public sealed partial class RetryingGrainStorage(IGrainStorage inner, ILogger<RetryingGrainStorage> logger) : IGrainStorage
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Retried(nameof(ReadStateAsync), () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Retried(nameof(WriteStateAsync), () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Retried(nameof(ClearStateAsync), () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task Retried(string operation, Func<Task> attempt)
    {
        try
        {
            await attempt();
        }
        catch (Exception ex) when (StorageOutage.IsOutage(ex))
        {
            LogRetry(operation, ex.GetType().Name, ex.Message);
            // The provider opens connections by connection string, so they live in Npgsql's global pools.
            NpgsqlConnection.ClearAllPools();
            await Task.Delay(Backoff);
            await attempt();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Operation} failed as PostgreSQL was unreachable ({ExceptionType}: {Detail}); retrying once on fresh connections")]
    private partial void LogRetry(string operation, string exceptionType, string detail);
}
