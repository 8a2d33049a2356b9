using Npgsql;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The database could not serve this request in time: no connection free in the node's pool, PostgreSQL refusing
/// new connections (<c>too_many_connections</c>), or a connection or command timing out. Nothing was wrong with the request and nothing of it was
/// stored, so it is answered 503 with a Retry-After, as a busy server says "try again", not 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>How long a client should wait before sending the same request again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }) return true;
            // Npgsql's pool, a connect or a command waited for longer than its timeout: an NpgsqlException over a TimeoutException.
            if (e is NpgsqlException { InnerException: TimeoutException }) return true;
        }

        return false;
    }
}
