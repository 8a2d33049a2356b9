namespace CarePathway.Server.Persistence;

/// <summary>One entry of an instance's append-only journal.</summary>
public class JournalEntry
{
    /// <summary>Database-generated.</summary>
    public long Id { get; set; }
    public Guid InstanceId { get; set; }

    /// <summary>Order within the instance; unique with <see cref="InstanceId"/>.</summary>
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>e.g. activity.completed, task.created, decision.</summary>
    public string Type { get; set; } = "";
    public string? ActivityId { get; set; }
    public string? Outcome { get; set; }

    /// <summary>Stored as user | timer | event | system.</summary>
    public CarePathway.Engine.Execution.CauseKind CauseKind { get; set; } = CarePathway.Engine.Execution.CauseKind.System;
    public string? Actor { get; set; }
    public string DataJson { get; set; } = "{}";
}
