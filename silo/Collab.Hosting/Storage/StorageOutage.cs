using System.Net.Sockets;
using Collab.Grains.Abstractions.Errors;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collab.Hosting.Storage;

/// <summary>
/// Tells a storage outage (the database is down, restarting, refusing connections, or a pooled connection died
/// with it) from every other failure. An outage is nobody's mistake and passes: callers are answered
/// <see cref="CollabErrorKind.Unavailable"/> (HTTP 503 with <c>Retry-After</c>) instead of a bare 500, and the
/// stores retry once where a retry cannot write twice.
/// </summary>
public static class StorageOutage
{
    /// <summary>How long a caller is advised to wait before retrying (HTTP <c>Retry-After</c>, the hub's <c>retryAfter</c>).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public const string Message = "Storage is unavailable for a moment; nothing was changed. Please retry shortly.";

    public static CollabException Unavailable() => CollabException.Unavailable(Message);

    /// <summary>True when <paramref name="exception"/>, or any exception inside it, says storage could not be reached.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage)) return true;
            if (IsOutageItself(current)) return true;
        }
        return false;
    }

    private static bool IsOutageItself(Exception exception) => exception switch
    {
        // The server said it is going away or cannot take us yet (its data is not in doubt).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // Npgsql's own errors are transient when the socket failed or timed out: the server is unreachable.
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen,
        SocketException => true,
        CollabException collab => collab.Kind == CollabErrorKind.Unavailable,
        _ => false,
    };

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;
}
