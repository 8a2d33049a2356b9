namespace CarePathway.Server.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>When false, no scheduler is started (timers still queue up in the outbox).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz scheduler name; all nodes of one cluster must share it (and one process may host only one scheduler per name).</summary>
    public string SchedulerName { get; set; } = "CarePathway";

    /// <summary>Quartz instance id; <c>AUTO</c> generates a unique one per node (needed for clustering).</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>Worker threads for jobs.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Clustering; null means on for PostgreSQL and off for SQLite (single node only).</summary>
    public bool? Clustered { get; set; }

    /// <summary>How often a clustered node checks in (and so how fast a dead node's jobs are recovered).</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A trigger later than this is a misfire (and is then fired now).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Safety sweep of the outbox when no commit signalled it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a timer whose handler threw, spaced by <see cref="RetryDelay"/> (doubling).</summary>
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
