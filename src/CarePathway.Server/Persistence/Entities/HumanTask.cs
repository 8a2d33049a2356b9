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
    /// <summary>When the task is due; setting it sets <see cref="DueOrder"/> in the same change.</summary>
    public DateTimeOffset? DueAt
    {
        get => dueAt;
        set
        {
            dueAt = value;
            DueOrder = value ?? UndatedDueOrder;
        }
    }

    private DateTimeOffset? dueAt;

    /// <summary>
    /// The worklist's order, "due first, undated last", as one stored column: the due date, or <see cref="UndatedDueOrder"/>
    /// when there is none. An index on (Status, DueOrder, Id) then gives the open tasks in that order without sorting them;
    /// an expression such as <c>DueAt IS NULL</c> in the ORDER BY would have to be computed and sorted per row. Written only
    /// through <see cref="DueAt"/>, so it can never disagree with it; the status leads the index, so a task completed or
    /// cancelled leaves the open tasks' order in the same write that changes its status.
    /// </summary>
    public DateTimeOffset DueOrder { get; private set; } = UndatedDueOrder;

    /// <summary>After every real due date (the year 9999, a value both databases store exactly).</summary>
    public static readonly DateTimeOffset UndatedDueOrder = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
