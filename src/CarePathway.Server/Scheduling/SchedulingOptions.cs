namespace CarePathway.Server.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>: the Hangfire server that runs timers and periodic work.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>When false, no job server runs on this node (timers still queue up in the outbox).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hangfire workers on this node.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How often due delayed jobs are moved to the queue (and, on PostgreSQL, how often workers poll it). Hangfire's
    /// default is 15 s; timers must fire within about a second of their due time.
    /// </summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// PostgreSQL: how long a fetched job stays invisible to other nodes without its node's heartbeat (the timeout
    /// slides while the job runs), so a job interrupted by a crash runs again after this, not after Hangfire's 30 minutes.
    /// 10 s: the crash test's timers were late by p99 37.5 s at 30 s and 5.4 s at 10 s. The heartbeat that slides it is
    /// one UPDATE per running job every fifth of the timeout, and a timer job runs for milliseconds; a node paused for
    /// longer than this may see its job run again elsewhere, which a timer job absorbs (it fires a bookmark once).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>PostgreSQL: the schema of Hangfire's own tables in the product's database.</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>
    /// PostgreSQL: the job storage's own connection string. Unset, it is the database's with its own application name,
    /// so the job system has its own connection pool and never takes the requests' connections.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Retries of a timer whose delivery threw, spaced by <see cref="RetryDelay"/> (doubling); then it becomes an incident.</summary>
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a fired timer's outbox row is kept (for inspection) before the purge job deletes it.</summary>
    public TimeSpan FiredTimerRetention { get; set; } = TimeSpan.FromDays(30);
}
