using System.Text.Json.Nodes;

namespace CarePathway.Engine.Execution;

/// <summary>A human task the run asks the host to create (as a row, in the same transaction as the state).</summary>
public sealed record TaskSpec
{
    public required Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string ActivityId { get; init; }
    public required string Role { get; init; }
    public required string Title { get; init; }
    public string Instructions { get; init; } = "";
    public JsonArray Form { get; init; } = [];
    public required IReadOnlyList<string> Outcomes { get; init; }

    /// <summary>Outcomes that may only be chosen with a reason (reject, override).</summary>
    public IReadOnlyList<string> ReasonRequiredFor { get; init; } = [];

    /// <summary>The outcome taken when nobody answers by the due date in simulation; null: none.</summary>
    public string? DefaultOutcome { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// True when <see cref="DueAt"/> is a deadline for work to be done now (respondWithin), false when it is the day
    /// the work is planned for (dueIn). The simulator answers an unanswered task on its planned day, but a deadline
    /// task at once, as a team working to its deadlines would.
    /// </summary>
    public bool DueIsDeadline { get; init; }

    /// <summary>What the person deciding must see: labs, rules and their explanations, doses.</summary>
    public JsonObject Evidence { get; init; } = [];

    /// <summary>Null for a reminder: completing it does not resume anything.</summary>
    public string? BookmarkId { get; init; }

    /// <summary>For a lab gate's order-labs task: missing or held; null for every other task.</summary>
    public Activities.LabHold? LabHold { get; init; }
}

/// <summary>A durable timer the host must schedule: when it is due, deliver <see cref="TimerFired"/>.</summary>
/// <param name="BookmarkId">The timer's bookmark, which the <see cref="TimerFired"/> names.</param>
/// <param name="InstanceId">The instance that waits on it.</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="Reissued">True when an earlier request for the same bookmark exists (handed back after a suspension).</param>
public sealed record TimerSpec(string BookmarkId, Guid InstanceId, DateTimeOffset DueAt, bool Reissued = false);

/// <summary>
/// The outcome of one engine call: the new state and everything the host must persist with it,
/// in one transaction (an outbox, for timers, since the scheduler sits outside it).
/// </summary>
public sealed class RunResult
{
    public required InstanceState State { get; init; }

    /// <summary>False when the stimulus matched nothing (e.g. a timer delivered twice): nothing changed.</summary>
    public bool Applied { get; init; } = true;

    /// <summary>Why nothing was applied, for the caller to report.</summary>
    public string? NotAppliedReason { get; init; }

    public List<JournalRecord> Journal { get; } = [];
    public List<TaskSpec> CreatedTasks { get; } = [];
    public List<Guid> CancelledTasks { get; } = [];
    public List<TimerSpec> ScheduledTimers { get; } = [];
    public List<string> CancelledTimers { get; } = [];
    public List<IncidentRecord> Incidents { get; } = [];

    /// <summary>Who started the instance, when this run started it (the host inserts it); null for every later run.</summary>
    public string? StartedBy { get; init; }

    /// <summary>The task a person completed in this run (a blocking task, or a reminder), for the host to close.</summary>
    public TaskDecision? CompletedTask { get; set; }

    /// <summary>The task whose assignee a person changed in this run, for the host to store.</summary>
    public TaskAssignment? AssignedTask { get; set; }

    /// <summary>Incidents a retry resolved in this run.</summary>
    public List<IncidentRecord> ResolvedIncidents { get; } = [];

    /// <summary>Open tasks that now belong to another activity (the instance was moved to another version); each stays open as it is.</summary>
    public List<TaskMove> MovedTasks { get; } = [];
}

/// <summary>Who has a task now (<paramref name="Assignee"/> null: nobody, back with the team).</summary>
public sealed record TaskAssignment(Guid TaskId, string? Assignee);

/// <summary>The ways a task changes hands, as the journal names them.</summary>
public enum AssignmentAction
{
    /// <summary>Taken by the person acting.</summary>
    Claimed,

    /// <summary>Given to someone by the person acting (when it had someone already: reassigned).</summary>
    Assigned,

    /// <summary>Given back to the team: nobody has it.</summary>
    Released,
}

/// <summary>An open task handed to the activity <paramref name="ActivityId"/> of the version its instance was moved to.</summary>
public sealed record TaskMove(Guid TaskId, string ActivityId);

/// <summary>How a person completed a task: what they chose, why, with which form data, and when.</summary>
public sealed record TaskDecision(Guid TaskId, string Outcome, string? Reason, string By, DateTimeOffset At, JsonObject? Data);
