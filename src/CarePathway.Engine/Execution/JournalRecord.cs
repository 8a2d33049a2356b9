using System.Text.Json.Nodes;

namespace CarePathway.Engine.Execution;

/// <summary>
/// One append-only journal line: what happened, where, why and when. The simulator's timeline is
/// these records, so what a clinician reviews in simulation is what the server would journal.
/// </summary>
public sealed record JournalRecord(
    int Sequence,
    DateTimeOffset At,
    string Type,
    string? ActivityId,
    string? Outcome,
    Cause Cause,
    JsonObject Data);

/// <summary>
/// The journal record types the engine writes. They stay strings: the set is open by design (a new activity writes
/// new types) and the journal, the timeline and acceptance scenarios outside this repository read them as text.
/// </summary>
public static class JournalTypes
{
    public const string PathwayStarted = "pathway.started";
    public const string PathwayCompleted = "pathway.completed";
    public const string PathwaySuspended = "pathway.suspended";
    public const string PathwayResumed = "pathway.resumed";
    public const string PathwayCancelled = "pathway.cancelled";

    /// <summary>The instance was moved to another version of its definition: from, to, who, why and where each path went.</summary>
    public const string PathwayMigrated = "pathway.migrated";
    public const string ActivityExecuted = "activity.executed";
    public const string TaskCreated = "task.created";
    public const string TaskCompleted = "task.completed";
    public const string TaskCancelled = "task.cancelled";

    /// <summary>A task claimed, assigned, reassigned or released: data {taskId, kind, action, from, to} (null: nobody).</summary>
    public const string TaskAssigned = "task.assigned";
    public const string Decision = "decision";
    public const string VariableSet = "variable.set";
    public const string TimerScheduled = "timer.scheduled";
    public const string TimerFired = "timer.fired";
    public const string EventAwaited = "event.awaited";
    public const string EventReceived = "event.received";
    public const string ReminderCreated = "reminder.created";
    public const string Incident = "incident";
    public const string IncidentResolved = "incident.resolved";

    // Written by the clinical activities.
    public const string LabRequested = "lab.requested";
    public const string GatePassed = "gate.passed";
    public const string GateHeld = "gate.held";
    public const string RenalCalculated = "renal.calculated";
    public const string DoseCalculated = "dose.calculated";
    public const string DoseScheduled = "dose.scheduled";
    public const string InfusionAdministered = "infusion.administered";
    public const string ClearanceExpired = "clearance.expired";
    public const string LabWithdrawn = "lab.withdrawn";
    public const string EligibilityOverridden = "eligibility.overridden";
}

/// <summary>The journal's record of a completed task, one shape for blocking tasks and reminders alike.</summary>
public static class TaskCompletionRecord
{
    public static JsonObject Data(TaskCompleted completion, string? kind) => new()
    {
        ["taskId"] = completion.TaskId,
        ["kind"] = kind,
        ["outcome"] = completion.Outcome,
        ["by"] = completion.CompletedBy,
        ["reason"] = completion.Reason,
        ["data"] = completion.Data?.DeepClone(),
    };
}
