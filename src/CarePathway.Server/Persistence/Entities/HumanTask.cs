using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;

namespace CarePathway.Server.Persistence;

/// <summary>A task for a person in a role: first-class row with its own lifecycle.</summary>
public class HumanTask : IHasRowVersion
{
    public Guid Id { get; set; }
    public Guid? InstanceId { get; set; }
    public Guid PatientId { get; set; }
    public string Kind { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Assignee { get; set; }
    public string Title { get; set; } = "";
    public string Instructions { get; set; } = "";
    public string FormJson { get; set; } = "{}";
    public string OutcomesJson { get; set; } = "[]";
    public string? DefaultOutcome { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>A lab gate's order-labs task: stored as missing | held; null for every other task.</summary>
    public LabHold? LabHold { get; set; }

    /// <summary>Stored as open | completed | cancelled; changed only through <see cref="MoveTo"/>.</summary>
    public HumanTaskStatus Status { get; private set; } = HumanTaskStatus.Open;
    public string? Outcome { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Reason { get; set; }
    public string EvidenceJson { get; set; } = "{}";
    public string ResultJson { get; set; } = "{}";
    public string? BookmarkId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long RowVersion { get; set; }

    /// <summary>Changes the status as <see cref="HumanTaskStatusTransitions.Table"/> allows (a cancelled task is never completed).</summary>
    public void MoveTo(HumanTaskStatus status) => Status = HumanTaskStatusTransitions.Table.Check($"task {Id}", Status, status);
}
