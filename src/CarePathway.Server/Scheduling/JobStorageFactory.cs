using CarePathway.Server.Persistence;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// The job storage of this process: one node or several on PostgreSQL (Hangfire.PostgreSql in its own schema of the
/// product's database, on connections of its own), one node in memory on SQLite (Hangfire's SQLite storage is safe
/// within one process only and cannot recover an interrupted job soon; the timer outbox is the durable truth there).
/// </summary>
public sealed class JobStorageFactory(DatabaseSettings database, Microsoft.Extensions.Options.IOptions<SchedulingOptions> options)
{
    /// <summary>Application name of the job system's connections, which gives them a pool of their own.</summary>
    public const string ApplicationName = "CarePathway.Jobs";

    /// <summary>Any number, the same on every node: serialises the creation of Hangfire's schema when nodes start at once.</summary>
    private const long SchemaLockKey = 0x4361_7265_4A6F_6273; // "CareJobs"

    /// <summary>Whether the storage forgets everything when the process ends (then every unfired timer is dispatched again at start-up).</summary>
    public bool IsVolatile => database.Provider == DatabaseProvider.Sqlite;

    public JobStorage Create()
    {
        if (IsVolatile) return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid });

        var settings = options.Value;
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = settings.SchemaName,
            QueuePollInterval = settings.SchedulePollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            // Hangfire.PostgreSql's locks are rows; one held by a node killed with kill -9 stays until it is older than
            // this (Hangfire.PostgreSql's default: 10 minutes), and until then every node waiting for it (the schedule
            // poller, the recurring jobs' registration at start-up) waits or fails: the crash test found nodes failing to
            // start. Hangfire holds its locks for one batch (milliseconds), our jobs hold none, so a dead node's lock
            // goes when its jobs do.
            DistributedLockTimeout = settings.InvisibilityTimeout,
            // Created below under a lock: nodes starting together would otherwise race to create the same tables.
            PrepareSchemaIfNecessary = false,
        };
        var connectionString = JobsConnectionString();
        InstallSchema(connectionString, settings.SchemaName);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions, connectionSetup: null), storageOptions);
    }

    /// <summary><see cref="SchedulingOptions.ConnectionString"/>, or the database's with the jobs' application name (a pool of its own).</summary>
    public string JobsConnectionString() =>
        options.Value.ConnectionString
        ?? new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = ApplicationName }.ConnectionString;

    private static void InstallSchema(string connectionString, string schemaName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (PostgresAdvisoryLock.Take(connection, SchemaLockKey))
            PostgreSqlObjectsInstaller.Install(connection, schemaName);
    }
}
