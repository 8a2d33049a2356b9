using Npgsql;

namespace CarePathway.Server.Persistence;

/// <summary>
/// A PostgreSQL session-level advisory lock, held until disposed: what nodes starting together take before they
/// create or upgrade a schema, so one does it while the others wait and then find it done.
/// </summary>
public sealed class PostgresAdvisoryLock : IDisposable
{
    /// <summary>A node's start-up work on the database: migrations, seeding, the workflow import.</summary>
    public const long StartUp = 0x43505F5354415254; // "CP_START"

    /// <summary>A change that could leave no enabled administrator (taken per transaction, <c>pg_advisory_xact_lock</c>).</summary>
    public const long Administrators = 0x43505F41444D494E; // "CP_ADMIN"

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgresAdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Waits for and takes lock <paramref name="key"/> on <paramref name="connection"/> (which must stay open while it is held).</summary>
    public static PostgresAdvisoryLock Take(NpgsqlConnection connection, long key)
    {
        // No command timeout: a node waits as long as another node's start-up work (migrations on a loaded database) takes.
        Run(connection, "SELECT pg_advisory_lock(@key)", key, timeoutSeconds: 0);
        return new PostgresAdvisoryLock(connection, key);
    }

    public void Dispose() => Run(_connection, "SELECT pg_advisory_unlock(@key)", _key);

    private static void Run(NpgsqlConnection connection, string sql, long key, int? timeoutSeconds = null)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (timeoutSeconds is { } seconds) command.CommandTimeout = seconds;
        command.Parameters.AddWithValue("key", key);
        command.ExecuteNonQuery();
    }
}
