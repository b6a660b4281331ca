using Collab.Hosting;
using Collab.Hosting.Storage;
using Collab.Hosting.Storage.Postgres;

namespace Collab.Silo;

/// <summary>
/// <c>Collab.Silo migrate</c>: applies Collab's PostgreSQL migration and exits, as a deployment's own step (a compose
/// service, a Kubernetes Job) run with DDL rights, so the silos and web nodes can run with
/// <c>Collab:Storage:MigrateOnStart=false</c> and none. It waits for PostgreSQL to come up, and for another
/// migration's lock, at most <c>Collab:Storage:MigrationLockTimeout</c> each. Exit code 0 when the schema is up to date.
/// </summary>
public static partial class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand).FullName!);
        var storage = builder.Configuration.GetSection(CollabStorageOptions.Section).Get<CollabStorageOptions>() ?? new();
        if (storage.Mode != CollabStorageMode.Postgres || string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            LogNothingToMigrate(logger, CollabStorageOptions.Section);
            return 2;
        }

        var deadline = DateTime.UtcNow + storage.MigrationLockTimeout;
        while (true)
        {
            try
            {
                await PostgresMigrator.MigrateAsync(storage.PostgresConnectionString, logger, lockTimeout: storage.MigrationLockTimeout);
                return 0;
            }
            catch (Exception ex) when (StorageOutage.IsOutage(ex) && DateTime.UtcNow < deadline)
            {
                LogWaiting(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
                return 1;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Nothing to migrate: {Section}:Mode must be Postgres, with a PostgresConnectionString")]
    private static partial void LogNothingToMigrate(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet ({Detail}); trying again")]
    private static partial void LogWaiting(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The migration failed; the database is as it was")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
